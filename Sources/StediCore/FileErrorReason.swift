import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A short reason for a failed file operation that a user can act on: the POSIX message under a
/// Foundation error ("No such file or directory", "Is a directory"), never Foundation's own text
/// ("NSCocoaErrorDomain error 512", "The operation could not be completed").
///
/// ```swift
/// do { try data.write(to: url) } catch {
///   throw MyError.io(path: url.path, reason: FileErrorReason.writing(url.path, error))
/// }
/// ```
public enum FileErrorReason {
  /// The reason `error` gives, from its POSIX code where it has one.
  public static func of(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return message(posix.code.rawValue) }
    let bridged = error as NSError
    if bridged.domain == NSPOSIXErrorDomain { return message(Int32(bridged.code)) }
    if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError {
      return of(underlying)
    }
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileNoSuchFile, .fileReadNoSuchFile: return message(ENOENT)
      case .fileWriteFileExists: return message(EEXIST)
      case .fileReadNoPermission, .fileWriteNoPermission: return message(EACCES)
      case .fileWriteOutOfSpace: return message(ENOSPC)
      case .fileWriteVolumeReadOnly: return message(EROFS)
      case .fileReadInapplicableStringEncoding, .fileReadCorruptFile:
        return "not valid UTF-8 text"
      default: break
      }
    }
    return "input/output error"
  }

  /// Why writing a file at `path` failed: what is wrong with the path if that can be seen (its
  /// directory is missing or is a file, or the path is a directory), else the reason of `error`.
  public static func writing(_ path: String, _ error: any Error) -> String {
    problemWriting(path) ?? of(error)
  }

  /// What keeps a file from being written at `path`, if it can be seen without trying.
  public static func problemWriting(_ path: String) -> String? {
    let url = URL(fileURLWithPath: path)
    if kind(of: url.path) == .directory { return "is a directory" }
    let parent = url.deletingLastPathComponent().path
    switch kind(of: parent) {
    case .missing: return "no such directory \(parent)"
    case .other: return "\(parent) is not a directory"
    case .directory: return nil
    }
  }

  /// What is at a path.
  public enum Kind: Sendable { case missing, directory, other }

  /// What is at `path` (following links); a path through a file counts as `other`.
  public static func kind(of path: String) -> Kind {
    var info = stat()
    guard stat(path, &info) == 0 else { return errno == ENOTDIR ? .other : .missing }
    return info.st_mode & S_IFMT == S_IFDIR ? .directory : .other
  }

  static func message(_ code: Int32) -> String { String(cString: strerror(code)) }
}
