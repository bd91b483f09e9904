import Foundation
import StediAuditLog
import StediCore
import StediCuration
import StediKeys
import StediPolicy
import StediSynth
import StediZones

/// The class of an error, which decides the CLI's exit code.
public enum ErrorKind: Sendable, Equatable {
  /// An input does not exist (exit 66).
  case noInput
  /// An invalid policy or key file (exit 78).
  case config
  /// A file or database can't be read or written (exit 74).
  case io
  /// Another writer holds the workspace lock (exit 75).
  case busy
  /// Bad data (exit 65).
  case badData
  /// A bad request that the argument parser could not catch (exit 64).
  case usage
  /// A bug (exit 70).
  case `internal`

  public init(_ error: any Error) {
    switch error {
    case let error as CurationError:
      if case .missingLanding = error { self = .noInput } else { self = .io }
    case let error as KeyError:
      if case .unwritable = error { self = .io } else { self = .config }
    case is PolicyError:
      self = .config
    case let error as AuditLogError:
      if case .notFound = error { self = .noInput } else { self = .io }
    case let error as ZoneError:
      switch error {
      case .io: self = .io
      case .busy: self = .busy
      default: self = .internal
      }
    case is StediCoreError:
      self = .io
    case let error as SynthError:
      if case .io = error { self = .io } else { self = .usage }
    case let error as ToolkitError:
      self = error.kind
    case let error as CocoaError where error.code.rawValue < 1024:  // A Foundation file error.
      self = .io
    default:
      self = .internal
    }
  }
}

/// Errors of the use cases themselves.
public enum ToolkitError: Error, Equatable, Sendable, CustomStringConvertible {
  case noInput(String)
  case invalid(String)
  /// A path exists but is the wrong kind, or can't be read or written (exit 74).
  case io(String)
  /// A bad value the argument parser could not catch (exit 64).
  case usage(String)

  var kind: ErrorKind {
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
