import ArgumentParser
import Foundation
import Logging
import StediAuditKit

/// Writes notes, errors and progress to stderr, and maps errors to exit codes.
struct Console {
  let output: OutputOptions
  let logger: Logger
  let showsProgress: Bool

  init(output: OutputOptions) {
    self.output = output
    let level: Logger.Level = output.verbose ? .info : (output.quiet ? .error : .warning)
    var logger = Logger(label: "stedi-audit") { label in StreamLogHandler.standardError(label: label) }
    logger.logLevel = level
    self.logger = logger
    showsProgress = !output.quiet && (output.progress || isatty(STDERR_FILENO) == 1)
  }

  /// A progress renderer, or nil if progress is not shown.
  var progressHandler: (@Sendable (RunProgress) -> Void)? {
    guard showsProgress else { return nil }
    let start = Date()
    return { event in
      let percent = event.bytesTotal > 0 ? Double(event.bytesRead) * 100 / Double(event.bytesTotal) : 100
      let seconds = max(0.001, Date().timeIntervalSince(start))
      let rate = Double(event.bytesRead) / 1_048_576 / seconds
      let line = String(
        format: "\r%@ %5.1f%%  %@ rows  %.0f MB/s   ", event.table, percent,
        String(event.rows), rate)
      FileHandle.standardError.write(Data(line.utf8))
    }
  }

  /// A renderer of a fraction done, or nil if progress is not shown.
  func fractionHandler(label: String) -> (@Sendable (Double) -> Void)? {
    guard showsProgress else { return nil }
    return { fraction in
      let line = String(format: "\r%@ %5.1f%%   ", label, fraction * 100)
      FileHandle.standardError.write(Data(line.utf8))
    }
  }

  func endProgress() {
    if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }

  /// Pretty, sorted JSON of a value.
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  func note(_ message: String) {
    guard !output.quiet else { return }
    FileHandle.standardError.write(Data("note: \(message)\n".utf8))
  }

  func warning(_ message: String) {
    guard !output.quiet else { return }
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
  }

  func error(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
  }

  /// Fails at once, before any work, if an output file named by an option cannot be written.
  func requireWritable(_ path: String?, what: String) throws {
    guard let path, let problem = Toolkit.problemWriting(path) else { return }
    self.error("\(path): cannot write the \(what): \(problem)")
    throw ExitCode(ExitCodes.ioError)
  }

  /// Writes `data` to the file at `path` (atomically): every file the CLI writes goes through
  /// here. A failure is one line naming the path and what is wrong with it, and exit 74.
  func write(_ data: Data, to path: String, what: String) throws {
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      self.error("\(path): cannot write the \(what): \(Toolkit.writeFailureReason(path, error))")
      throw ExitCode(ExitCodes.ioError)
    }
  }

  /// Runs `body`; an error becomes one line on stderr and its documented exit code.
  func guarding<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let exit as ExitCode {
      throw exit
    } catch {
      endProgress()
      let (code, message) = ExitCodes.classify(error)
      self.error(message)
      throw ExitCode(code)
    }
  }
}
