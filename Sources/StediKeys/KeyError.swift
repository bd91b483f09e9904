public import Foundation

/// Errors of key files.
public enum KeyError: LocalizedError, Equatable, Sendable {
  case invalidKey(String)
  case unreadable(path: String, reason: String)
  case unwritable(path: String, reason: String)
  case badPermissions(path: String)

  public var errorDescription: String? {
    switch self {
    case .invalidKey(let why): "invalid key: \(why)"
    case .unreadable(let path, let reason): "\(path): cannot read key file: \(reason)"
    case .unwritable(let path, let reason): "\(path): cannot write key file: \(reason)"
    case .badPermissions(let path):
      "\(path): key file is readable by group or others; run 'chmod 600' on it"
    }
  }
}
