import Foundation
import StediAuditKit
import StediCore

/// The documented exit codes (sysexits.h values), and the mapping of errors to them.
enum ExitCodes {
  static let ok: Int32 = 0
  /// A policy violation was found (`check`), or verification failed.
  static let violation: Int32 = 1
  /// `check`: the workspace does not verify.
  static let verificationFailed: Int32 = 2
  static let usage: Int32 = 64
  /// Bad data: rows were quarantined and `--fail-on-quarantine` was given.
  static let badData: Int32 = 65
  /// An input (landing directory, workspace, file) does not exist.
  static let noInput: Int32 = 66
  /// An internal error (a bug): nothing was published.
  static let software: Int32 = 70
  static let ioError: Int32 = 74
  /// Workspace busy: another writer holds the workspace lock (sysexits EX_TEMPFAIL).
  static let busy: Int32 = 75
  /// Bad configuration: an invalid policy or key file.
  static let config: Int32 = 78

  /// The exit code and one-line message of an error.
  static func classify(_ error: any Error) -> (Int32, String) {
    var message = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
    // A Foundation file error: never its own text ("NSCocoaErrorDomain error 512").
    if let cocoa = error as? CocoaError, cocoa.code.rawValue < 1024 {
      let path = cocoa.filePath ?? cocoa.url?.path ?? "a file"
      message = "\(path): \(Toolkit.fileErrorReason(error))"
    }
    let code: Int32 =
      switch ErrorKind(error) {
      case .noInput: noInput
      case .config: config
      case .io: ioError
      case .busy: busy
      case .internal: software
      case .badData: badData
      case .usage: usage
      }
    return (code, message)
  }
}
