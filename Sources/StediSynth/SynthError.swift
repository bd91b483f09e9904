public import StediCore
public import Foundation

/// Why synthetic data could not be generated. Never carries data values.
public enum SynthError: LocalizedError, Equatable, Sendable {
  /// A configuration value is out of range.
  case invalidConfig(field: String, detail: String)
  /// A landing directory to write already holds files; the generator never overwrites data.
  case outputNotEmpty(path: String)
  /// A file or directory could not be created or written.
  case io(path: String, detail: String)

  public var errorDescription: String? {
    switch self {
    case .invalidConfig(let field, let detail): "invalid configuration: \(field) \(detail)"
    case .outputNotEmpty(let path): "\(path): directory is not empty; choose an empty output"
    case .io(let path, let detail): "\(path): \(detail)"
    }
  }
}

extension SynthError: ClassifiedError {
  public var errorClass: ErrorClass {
    if case .io = self { return .io }
    return .usage
  }
}
