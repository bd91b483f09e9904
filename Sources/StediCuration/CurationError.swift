public import StediCore
public import Foundation

/// Errors of curation jobs. Messages name files and lines, never row values.
public enum CurationError: LocalizedError, Equatable, Sendable {
  /// A landing table's directory is missing.
  case missingLanding(path: String, table: String)
  case unreadable(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .missingLanding(let path, let table): "\(path): landing directory of \(table) not found"
    case .unreadable(let path, let reason): "\(path): \(reason)"
    }
  }
}

extension CurationError: ClassifiedError {
  public var errorClass: ErrorClass {
    if case .missingLanding = self { return .noInput }
    return .io
  }
}
