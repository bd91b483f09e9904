/// The class of an error, which decides the CLI's exit code (README, "Exit codes").
public enum ErrorClass: Sendable, Equatable, CaseIterable {
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
}

/// An error that knows its class. Every module's error enum adopts it, so the CLI maps errors to
/// exit codes without knowing the modules' types; an error that does not adopt it is a bug (70).
public protocol ClassifiedError: Error {
  var errorClass: ErrorClass { get }
}

extension StediCoreError: ClassifiedError {
  public var errorClass: ErrorClass { .io }
}
