import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import StediCore
import StediKeys
import StediPolicy
import StediSynth
import Testing

/// `stedi-audit spark` (a build with Parquet; PySpark from scripts/setup-spark): the Spark job
/// generated from the plan publishes exactly the local run's trusted and curated rows and
/// per-reason counts, on generated data with every planted defect, and the workspace it makes
/// verifies, checks and traces as a local one. The job is also the one the binary carries.
struct SparkPathTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The embedded job is spark/*.py byte for byte (scripts/embed-spark-job regenerates it).
  @Test func theBinaryCarriesTheRepositorysJob() throws {
    let folder = Self.packageRoot.appendingPathComponent("spark")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".py") }.sorted()
    #expect(names == ["plan_engines.py", "stedi_spark_job.py"])
    #expect(Toolkit.sparkJobFiles.keys.sorted() == names)
    for name in names {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(Toolkit.sparkJobFiles[name] == text, "run scripts/embed-spark-job")
    }
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func sparkPublishesTheLocalRunsRowsAndCounts(_ profile: String) throws {
    let directory = TemporaryDirectory()
    let landing = directory.path("landing")
    _ = try Toolkit.generate(GenerateRequest(
      output: landing, config: SynthConfig(customers: 120, seed: 52, defects: true, rowsPerFile: 3_000)))
    let keys = directory.path("keys")
    let (logger, _) = TestLogging.make()
    let request = SparkRequest(
      run: RunRequest(landing: landing, workspace: directory.path("ws-spark"), profile: profile, keysDirectory: keys),
      python: Self.packageRoot.appendingPathComponent(".venv-spark/bin/python").path)
    guard ParquetRows.isAvailable else {
      let error = #expect(throws: ToolkitError.self) { try Toolkit.spark(request, logger: logger) }
      #expect(error?.description.contains("scripts/setup-parquet") == true)
      return
    }
    let (setup, setupError) = try ParquetTests.script("setup-spark", [])
    try #require(setup == 0, "\(setupError)")
    let local = try Toolkit.run(
      RunRequest(landing: landing, workspace: directory.path("ws-local"), profile: profile, keysDirectory: keys),
      logger: logger)
    let spark = try Toolkit.spark(request, logger: logger)
    // Every planted defect reaches its table: quarantine and each exclusion are exercised.
    #expect(local.summary.tables.contains { !$0.quarantined.isEmpty })
    #expect(local.summary.tables.allSatisfy { $0.rowsOut > 0 })
    #expect(spark.summary.tables == local.summary.tables)
    #expect(spark.summary.hazards == local.summary.hazards)
    if profile == "udacity-rubric" { #expect(local.summary.hazards.first?.count ?? 0 > 0) }
    #expect(spark.summary.movements == local.summary.movements)
    #expect(try Self.sortedRowDigests(directory.path("ws-spark")) == Self.sortedRowDigests(directory.path("ws-local")))

    let verified = try Toolkit.verify(VerifyRequest(workspace: directory.path("ws-spark")))
    #expect(verified.passed, "\(verified.renderText())")
    let check = try Toolkit.check(CheckRequest(workspace: directory.path("ws-spark"), keysDirectory: keys))
    #expect(check.outcome == .passed, "\(check.renderText())")
    // The customer of the first admitted reading is traced to the same rows in both.
    let email = try #require(try ParquetOutputTests.firstEmail(directory.path("ws-local/trusted/customer_trusted/part-00000.jsonl")))
    let traced = try [directory.path("ws-local"), directory.path("ws-spark")].map {
      try Toolkit.trace(TraceRequest(workspace: $0, email: email, keysDirectory: keys)).renderText()
        .split(separator: "\n").filter { $0.contains(": admitted") || $0.contains("before_consent") }
    }
    #expect(!traced[0].isEmpty && traced[0] == traced[1])

    // A policy the job's vocabulary lacks is refused in one line; nothing is published.
    let folded = directory.path("folded.yaml")
    try Data(try PolicyLoader.builtinText(profile).replacingOccurrences(
      of: "key_match: exact", with: "key_match: case_insensitive").utf8).write(to: folded)
    var unsupported = request
    unsupported.run.policyFile = folded
    unsupported.run.workspace = directory.path("ws-unsupported")
    let refused = #expect(throws: ToolkitError.self) { try Toolkit.spark(unsupported, logger: logger) }
    #expect(refused?.errorClass == .usage && refused?.description.contains("keyMatch") == true, "\(String(describing: refused))")
    #expect(!FileManager.default.fileExists(atPath: directory.path("ws-unsupported/current").path))
  }

  /// SHA-256 of each trusted and curated table's sorted lines.
  static func sortedRowDigests(_ workspace: URL) throws -> [String: String] {
    var out: [String: String] = [:]
    for zone in ["trusted", "curated"] {
      let root = workspace.appendingPathComponent(zone)
      for table in try FileManager.default.contentsOfDirectory(atPath: root.path) {
        let text = try String(contentsOf: root.appendingPathComponent("\(table)/part-00000.jsonl"), encoding: .utf8)
        out[table] = RowDigester.sha256Hex(Data(text.split(separator: "\n").sorted().joined(separator: "\n").utf8))
      }
    }
    return out
  }
}
