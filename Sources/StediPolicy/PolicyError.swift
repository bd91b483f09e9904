public import StediCore
public import Foundation

/// Errors of policy files. Each names the file, the key and the line at fault.
public enum PolicyError: LocalizedError, Equatable, Sendable {
  /// The YAML itself does not parse.
  case syntax(file: String, line: Int, problem: String)
  /// A key has a missing, unknown or invalid value.
  case invalid(file: String, line: Int, key: String, problem: String)
  /// The file can't be read.
  case unreadable(file: String, reason: String)
  /// No built-in profile has that name.
  case unknownProfile(String)

  public var errorDescription: String? {
    switch self {
    case .syntax(let file, let line, let problem): "\(file):\(line): invalid YAML: \(problem)"
    case .invalid(let file, let line, let key, let problem): "\(file):\(line): '\(key)': \(problem)"
    case .unreadable(let file, let reason): "\(file): cannot read policy: \(reason)"
    case .unknownProfile(let name):
      "unknown profile '\(name)' (built in: \(PolicyLoader.builtinProfileNames.joined(separator: ", ")))"
    }
  }
}

extension PolicyError: ClassifiedError {
  public var errorClass: ErrorClass {
    .config
  }
}
