public import Foundation

/// An error of the core module: a landing file that cannot be read.
///
/// Messages name the file and the system's reason, never the file's contents.
public enum StediCoreError: LocalizedError, Equatable, Sendable {
  /// The file could not be opened or read (missing, unreadable, a directory, an I/O error).
  case cannotRead(path: String, reason: String)
  /// The file could not be written (a zone table in another format).
  case cannotWrite(path: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    }
  }
}
