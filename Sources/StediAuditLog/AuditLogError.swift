public import StediCore
public import Foundation

/// Errors of the audit log. Messages name the database, never the values of rows.
public enum AuditLogError: LocalizedError, Equatable, Sendable {
  case cannotOpen(path: String, reason: String)
  case sqlite(path: String, message: String)
  /// The database was written by a newer stedi-audit.
  case newerSchema(path: String, found: Int, supported: Int)
  case notFound(path: String, what: String)

  public var errorDescription: String? {
    switch self {
    case .cannotOpen(let path, let reason): "\(path): cannot open audit log: \(reason)"
    case .sqlite(let path, let message): "\(path): audit log error: \(message)"
    case .newerSchema(let path, let found, let supported):
      "\(path): audit log schema version \(found) is newer than this tool supports (\(supported))"
    case .notFound(let path, let what): "\(path): \(what) not found in the audit log"
    }
  }
}

extension AuditLogError: ClassifiedError {
  public var errorClass: ErrorClass {
    if case .notFound = self { return .noInput }
    return .io
  }
}
