import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediCore
import Testing

/// `check --landing --curated` on the layouts other tools write: Spark's and Glue's file names
/// (no extension, `.c000.json.gz`), gzip, `key=value` partition folders, `_SUCCESS` and `.crc`
/// side files, lower-cased column names, float times and extra columns.
struct ExternalLayoutCheckTests {
  /// A faithful strict run's tables, rewritten as a Glue job lays them out.
  static func glueOutput(in directory: TemporaryDirectory) throws -> (landing: URL, output: URL, rows: [String: Int]) {
    let landing = try #require(TinyFixtureTests.tiny)
    let (logger, _) = TestLogging.make()
    let workspace = directory.path("ws")
    _ = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, keysDirectory: directory.path("keys")), logger: logger)
    let output = directory.path("glue")
    let manager = FileManager.default
    var rows: [String: Int] = [:]
    func published(_ zone: String, _ table: String) throws -> [String] {
      let text = try String(contentsOf: workspace.appendingPathComponent("\(zone)/\(table)/part-00000.jsonl"), encoding: .utf8)
      let lines = text.split(separator: "\n").map(String.init)
      rows[table] = lines.count
      return lines
    }
    func write(_ lines: [String], _ path: String) throws -> URL {
      let url = output.appendingPathComponent(path)
      try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
      return url
    }
    // gzip-compressed Spark JSON, with Spark's side files.
    let accelerometer = try write(try published("trusted", "accelerometer_trusted"), "accelerometer_trusted/part-00000-1f0e.c000.json")
    try Self.gzip(accelerometer)
    _ = try write([""], "accelerometer_trusted/_SUCCESS")
    _ = try write(["crc"], "accelerometer_trusted/.part-00000-1f0e.c000.json.gz.crc")
    // A DynamicFrame file without extension in a partition folder, with the Catalog's lower-cased
    // column names, float times and a partition column.
    let steps = try published("trusted", "step_trainer_trusted").map(Self.glueSpelling)
    _ = try write(steps, "step_trainer_trusted/ingest_date=1970-01-01/run-1769972270045-part-r-00000")
    _ = try write(try published("trusted", "customer_trusted"), "customer_trusted/part-00000.json")
    _ = try write(try published("curated", "customer_curated"), "customer_curated/part-00000.json")
    _ = try write(try published("curated", "machine_learning_curated").map(Self.glueSpelling), "machine_learning_curated/run-1769972270045-part-r-00000")
    _ = try write(["ORC"], "machine_learning_curated/part-00000.snappy.orc")
    return (landing, output, rows)
  }

  /// Lower-cased keys, times as doubles and an extra column, as Glue writes a row.
  static func glueSpelling(_ line: String) -> String {
    var text = line
    for key in ["serialNumber", "sensorReadingTime", "distanceFromObject", "customerId"] {
      text = text.replacingOccurrences(of: "\"\(key)\":", with: "\"\(key.lowercased())\":")
    }
    text = text.replacing(/"sensorreadingtime":(\d+)/) { "\"sensorreadingtime\":\($0.output.1).0" }
    return String(text.dropLast()) + #","ingest_date":"1970-01-01"}"#
  }

  static func gzip(_ file: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-n", file.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func aFaithfulStrictRunInGlueLayoutPasses() throws {
    let directory = TemporaryDirectory()
    let (landing, output, rows) = try Self.glueOutput(in: directory)
    let report = try Toolkit.check(CheckRequest(landing: landing, curated: output, keysDirectory: directory.path("keys")))
    #expect(report.outcome == .passed, "\(report.renderText())")
    for (table, count) in rows { #expect(report.rowsChecked[table] == Int64(count), "\(table)") }
    #expect(report.rowsChecked.values.allSatisfy { $0 > 0 })
    #expect(report.skippedFiles.map(\.path) == ["machine_learning_curated/part-00000.snappy.orc"])
    #expect(report.notes.contains { $0.hasPrefix("ignored 2 marker, hidden or checksum files") })
    #expect(report.notes.contains { $0.contains("part-00000.snappy.orc: a .orc file, not JSON lines") })
  }

  @Test func leaksInAGlueLayoutAreNamedByFileLineAndReason() throws {
    let directory = TemporaryDirectory()
    let (landing, output, _) = try Self.glueOutput(in: directory)
    // Ben (no consent, serial S-B) and a reading of Ana (consent 1000) taken before her consent,
    // spelled as Glue writes them.
    let file = output.appendingPathComponent("step_trainer_trusted/ingest_date=1970-01-01/run-1769972270045-part-r-00000")
    let before = try String(contentsOf: file, encoding: .utf8)
    let lines = before.split(separator: "\n").count
    try (before
      + #"{"sensorreadingtime":1000.0,"serialnumber":"S-B","distancefromobject":12,"ingest_date":"1970-01-01"}"# + "\n"
      + #"{"sensorreadingtime":900.0,"serialnumber":"S-A","distancefromobject":11,"ingest_date":"1970-01-01"}"# + "\n")
      .write(to: file, atomically: true, encoding: .utf8)
    let report = try Toolkit.check(CheckRequest(landing: landing, curated: output, keysDirectory: directory.path("keys")))
    #expect(report.outcome == .violation)
    let path = "step_trainer_trusted/ingest_date=1970-01-01/run-1769972270045-part-r-00000"
    #expect(report.violations.map { "\($0.file):\($0.line) \($0.reason)" } == [
      "\(path):\(lines + 1) no_consent", "\(path):\(lines + 2) before_consent",
    ])
    let text = report.renderText()
    #expect(text.contains("violations by table and reason:"))
    #expect(text.contains("step_trainer_trusted"))
    #expect(report.violationCounts.map(\.rows) == [1, 1])
    #expect(report.renderJUnit().contains("2 rows violate policy strict (before_consent 1, no_consent 1)"))
  }

  @Test func unreadableTablesSayWhatWasSkipped() throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let table = directory.path("out/machine_learning_curated")
    try FileManager.default.createDirectory(at: table, withIntermediateDirectories: true)
    try Data("PAR1".utf8).write(to: table.appendingPathComponent("part-00000.snappy.parquet"))
    try Data().write(to: table.appendingPathComponent("_SUCCESS"))
    let error = #expect(throws: (any Error).self) {
      try Toolkit.check(CheckRequest(landing: landing, curated: directory.path("out")))
    }
    let message = (error as? any LocalizedError)?.errorDescription ?? "\(error.map { "\($0)" } ?? "")"
    #expect(!message.contains("\n"))
    if ParquetRows.isAvailable {
      // Read, and found not to be Parquet at all.
      #expect(message.contains("machine_learning_curated/part-00000.snappy.parquet: not a valid Parquet file"), "\(message)")
    } else {
      #expect(message.contains("machine_learning_curated/part-00000.snappy.parquet: Parquet"), "\(message)")
      #expect(message.contains("scripts/setup-parquet"))
      #expect(message.contains("1 marker, hidden or checksum files ignored"))
    }
  }

  @Test func aCorruptGzipFileIsAnIOErrorNamingIt() throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let table = directory.path("out/accelerometer_trusted")
    try FileManager.default.createDirectory(at: table, withIntermediateDirectories: true)
    try Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02]).write(to: table.appendingPathComponent("part-0.json.gz"))
    let error = #expect(throws: (any Error).self) {
      try Toolkit.check(CheckRequest(landing: landing, curated: directory.path("out")))
    }
    let message = (error as? any LocalizedError)?.errorDescription ?? ""
    #expect(message.contains("accelerometer_trusted/part-0.json.gz: not a valid gzip stream"), "\(message)")
  }
}
