public import InMemoryLogging
public import Logging

/// Loggers whose entries tests can read.
public enum TestLogging {
  /// A logger at `info` level that keeps its entries in memory.
  public static func make(level: Logger.Level = .info) -> (Logger, InMemoryLogHandler) {
    let handler = InMemoryLogHandler()
    var logger = Logger(label: "test") { _ in handler }
    logger.logLevel = level
    return (logger, handler)
  }

  /// Every log entry as one text (message and metadata), for leak checks.
  public static func text(of handler: InMemoryLogHandler) -> String {
    handler.entries.map { "\($0.level) \($0.message) \($0.metadata)" }.joined(separator: "\n")
  }
}
