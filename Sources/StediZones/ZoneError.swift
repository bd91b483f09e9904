public import StediCore
public import Foundation

/// Errors of the guarded layer and of publishing. Messages name files, never row values.
public enum ZoneError: LocalizedError, Equatable, Sendable {
  case io(path: String, reason: String)
  /// The layer was used out of order (for example readings before customers).
  case misuse(String)
  /// A run's counts do not add up (an internal error: nothing is published).
  case notConserved(table: String)
  /// Another writer holds the workspace lock (`holder`: its pid and start time).
  case busy(path: String, holder: String)

  public var errorDescription: String? {
    switch self {
    case .io(let path, let reason): "\(path): \(reason)"
    case .misuse(let what): "internal error: \(what)"
    case .notConserved(let table):
      "internal error: rows in != admitted + excluded + quarantined for \(table); nothing published"
    case .busy(let path, let holder):
      "\(path): workspace busy: another writer holds the lock (\(holder)); retry later or pass --wait SECONDS"
    }
  }
}

extension ZoneError: ClassifiedError {
  public var errorClass: ErrorClass {
    switch self {
    case .io: .io
    case .busy: .busy
    default: .internal
    }
  }
}
