import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediCore
import StediSynth
import Testing

/// Parquet input (an opt-in of the build: scripts/setup-parquet and STEDI_AUDIT_PARQUET=1). With
/// it, landing data and other tools' tables in Parquet read as the same rows as in JSON lines;
/// without it, a Parquet file is a one-line error that says how to enable it.
struct ParquetTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Runs a script of the repository; returns its exit status and standard error.
  static func script(_ name: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = packageRoot.appendingPathComponent("scripts/\(name)")
    process.arguments = arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
  }

  /// Every published trusted and curated table of a workspace as its sorted lines.
  static func rows(_ workspace: URL) throws -> [String: [Substring]] {
    var out: [String: [Substring]] = [:]
    for zone in ["trusted", "curated"] {
      let root = workspace.appendingPathComponent(zone)
      for table in try FileManager.default.contentsOfDirectory(atPath: root.path) {
        let text = try String(contentsOf: root.appendingPathComponent("\(table)/part-00000.jsonl"), encoding: .utf8)
        out[table] = text.split(separator: "\n").sorted()
      }
    }
    return out
  }

  @Test func parquetLandingDataPublishesTheSameRowsAsJSONLines() throws {
    let directory = TemporaryDirectory()
    let landing = directory.path("landing")
    _ = try Toolkit.generate(GenerateRequest(
      output: landing, config: SynthConfig(customers: 80, seed: 31, defects: false, rowsPerFile: 1_000)))
    guard ParquetRows.isAvailable else {
      // Without Parquet: one line naming the file and how to enable it.
      let parquet = landing.appendingPathComponent("accelerometer/landing/part-extra.parquet")
      try Data("PAR1".utf8).write(to: parquet)
      let (logger, _) = TestLogging.make()
      let error = #expect(throws: (any Error).self) {
        try Toolkit.run(RunRequest(landing: landing, workspace: directory.path("ws"), keysDirectory: directory.path("keys")), logger: logger)
      }
      let message = (error as? any LocalizedError)?.errorDescription ?? ""
      #expect(message.contains("part-extra.parquet") && message.contains("scripts/setup-parquet"), "\(message)")
      #expect(!message.contains("\n"))
      return
    }
    let parquet = directory.path("landing-parquet")
    let (status, stderr) = try Self.script("to-parquet", [landing.path, parquet.path])
    #expect(status == 0, "\(stderr)")
    let (logger, _) = TestLogging.make()
    let keys = directory.path("keys")
    let json = try Toolkit.run(RunRequest(landing: landing, workspace: directory.path("ws-json"), keysDirectory: keys), logger: logger)
    let fromParquet = try Toolkit.run(RunRequest(landing: parquet, workspace: directory.path("ws-parquet"), keysDirectory: keys), logger: logger)
    #expect(fromParquet.summary.landingFiles == json.summary.landingFiles)
    #expect(fromParquet.summary.tables == json.summary.tables)
    #expect(json.summary.tables.allSatisfy { $0.rowsIn > 0 })
    // The same rows, byte for byte (pyarrow keeps `1.0` a double and the converter writes it so).
    let rows = try Self.rows(directory.path("ws-json"))
    #expect(rows.count == 5 && rows.values.allSatisfy { !$0.isEmpty })
    #expect(try Self.rows(directory.path("ws-parquet")) == rows)
    let report = try Toolkit.verify(VerifyRequest(workspace: directory.path("ws-parquet")))
    #expect(report.passed, "\(report.renderText())")
    // Another tool's tables in Parquet: the published rows, rewritten by pyarrow, pass the gate.
    let (converted, error) = try Self.script("to-parquet", [directory.path("ws-json/curated").path, directory.path("spark").path])
    #expect(converted == 0, "\(error)")
    let check = try Toolkit.check(CheckRequest(landing: landing, curated: directory.path("spark"), keysDirectory: keys))
    #expect(check.outcome == .passed, "\(check.renderText())")
    #expect(check.rowsChecked["machine_learning_curated"] == json.summary.tables.first { $0.table == "machine_learning_curated" }?.rowsOut)
  }

  /// Parquet as PySpark writes it (`part-*.snappy.parquet`, `_SUCCESS`, `.crc`; Spark's own
  /// schema inference and column order) publishes the same rows as the JSON lines it was read
  /// from. Runs PySpark in local mode (scripts/setup-spark installs it).
  @Test func parquetWrittenByPySparkPublishesTheSameRows() throws {
    guard ParquetRows.isAvailable else {
      // Without Parquet in the build, such a landing directory is refused in one line.
      #expect(!ParquetRows.enableHint.contains("\n") && ParquetRows.enableHint.contains("scripts/setup-parquet"))
      return
    }
    let (setup, setupError) = try Self.script("setup-spark", [])
    try #require(setup == 0, "\(setupError)")
    let directory = TemporaryDirectory()
    let landing = directory.path("landing")
    _ = try Toolkit.generate(GenerateRequest(
      output: landing, config: SynthConfig(customers: 60, seed: 33, defects: false, rowsPerFile: 1_000)))
    let spark = directory.path("spark")
    let (status, stderr) = try Self.script("spark-write-parquet", [landing.path, spark.path])
    try #require(status == 0, "\(stderr)")
    let written = try FileManager.default.contentsOfDirectory(atPath: spark.appendingPathComponent("accelerometer").path)
    #expect(written.contains("_SUCCESS") && written.contains { $0.hasPrefix("part-") && $0.hasSuffix(".snappy.parquet") })
    #expect(written.contains { $0.hasSuffix(".crc") })
    let (logger, _) = TestLogging.make()
    let keys = directory.path("keys")
    let json = try Toolkit.run(RunRequest(landing: landing, workspace: directory.path("ws-json"), keysDirectory: keys), logger: logger)
    let fromSpark = try Toolkit.run(RunRequest(landing: spark, workspace: directory.path("ws-spark"), keysDirectory: keys), logger: logger)
    #expect(fromSpark.summary.tables == json.summary.tables)
    #expect(json.summary.tables.allSatisfy { $0.rowsOut > 0 })
    // The same rows by value (Spark types a column of integers and fractions as double).
    let rows = try ParquetOutputTests.canonicalRows(directory.path("ws-json"))
    #expect(rows.count == 5)
    #expect(try ParquetOutputTests.canonicalRows(directory.path("ws-spark")) == rows)
    let report = try Toolkit.verify(VerifyRequest(workspace: directory.path("ws-spark")))
    #expect(report.passed, "\(report.renderText())")
  }
}
