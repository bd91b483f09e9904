import Foundation
public import StediCore

/// The class of an error, which decides the CLI's exit code (`ClassifiedError`, which every
/// module's error enum adopts).
public typealias ErrorKind = ErrorClass

extension ErrorClass {
  /// The class of any error: its own, or `io` for a Foundation file error; anything else is a
  /// bug (`internal`).
  public init(_ error: any Error) {
    if let classified = error as? any ClassifiedError {
      self = classified.errorClass
    } else if let cocoa = error as? CocoaError, cocoa.code.rawValue < 1024 {  // A Foundation file error.
      self = .io
    } else {
      self = .internal
    }
  }
}

/// Errors of the use cases themselves.
public enum ToolkitError: ClassifiedError, Equatable, Sendable, CustomStringConvertible {
  case noInput(String)
  case invalid(String)
  /// A path exists but is the wrong kind, or can't be read or written (exit 74).
  case io(String)
  /// A bad value the argument parser could not catch (exit 64).
  case usage(String)

  public var errorClass: ErrorClass {
    switch self {
    case .noInput: .noInput
    case .invalid: .config
    case .io: .io
    case .usage: .usage
    }
  }

  public var description: String {
    switch self {
    case .noInput(let what), .invalid(let what), .io(let what), .usage(let what): what
    }
  }
}
