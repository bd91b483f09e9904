public import StediCore
public import Foundation

/// Errors of key files.
public enum KeyError: LocalizedError, Equatable, Sendable {
  case invalidKey(String)
  case unreadable(path: String, reason: String)
  case unwritable(path: String, reason: String)
  case badPermissions(path: String)
  /// A key folder or key file that group or others can write (anyone could replace a key).
  case writableByOthers(path: String, isDirectory: Bool)
  /// No key folder could be found: no `--keys`, `STEDI_AUDIT_KEYS`, `XDG_CONFIG_HOME` or `HOME`.
  case noKeyFolder
  /// A key that differs from the one the workspace was signed or pseudonymised with.
  case mismatch(path: String, reason: String)
  /// A secret key inside the workspace (where earlier versions kept it), or a key folder there.
  case secretInWorkspace(path: String, advice: String)

  public var errorDescription: String? {
    switch self {
    case .invalidKey(let why): "invalid key: \(why)"
    case .unreadable(let path, let reason): "\(path): cannot read key file: \(reason)"
    case .unwritable(let path, let reason): "\(path): cannot write key file: \(reason)"
    case .badPermissions(let path):
      "\(path): key file is readable by group or others; run 'chmod 600' on it"
    case .writableByOthers(let path, let isDirectory):
      "\(path): key \(isDirectory ? "folder" : "file") is writable by group or others; run "
        + "'chmod \(isDirectory ? "700" : "644")' on it (or pass --allow-insecure-keys)"
    case .noKeyFolder:
      "no key folder: pass --keys DIR, or set STEDI_AUDIT_KEYS, XDG_CONFIG_HOME or HOME"
    case .mismatch(let path, let reason): "\(path): \(reason)"
    case .secretInWorkspace(let path, let advice): "\(path): \(advice)"
    }
  }
}

extension KeyError: ClassifiedError {
  public var errorClass: ErrorClass {
    if case .unwritable = self { return .io }
    return .config
  }
}
