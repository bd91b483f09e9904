import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediCore
import StediPolicy
import StediSynth
import StediZones
import Testing

/// Parquet output (`run --format parquet`, an opt-in of the build): the trusted and curated
/// tables hold the same rows as a JSON-lines run's, deterministically, and every command works
/// on the workspace; without Parquet in the build, the run is refused in one line that says how
/// to enable it, before anything is written.
struct ParquetOutputTests {
  /// Every row of every published trusted and curated table, as sorted canonical JSON (keys
  /// sorted, numbers by value: `218` and `218.0` are one number).
  static func canonicalRows(_ workspace: URL) throws -> [String: [String]] {
    var out: [String: [String]] = [:]
    for zone in ["trusted", "curated"] {
      let root = workspace.appendingPathComponent(zone)
      for table in try FileManager.default.contentsOfDirectory(atPath: root.path) {
        let folder = root.appendingPathComponent(table)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1, "\(table): \(files)")
        let file = folder.appendingPathComponent(try #require(files.first))
        var rows: [String] = []
        func add(_ bytes: Data) throws {
          let object = try JSONSerialization.jsonObject(with: bytes)
          rows.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self))
        }
        if file.pathExtension == "parquet" {
          try ParquetRows.forEachRow(path: file.path) { _, row in try add(Data(row)) }
        } else {
          for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") { try add(Data(line.utf8)) }
        }
        out[table] = rows.sorted()
      }
    }
    return out
  }

  @Test func parquetOutputHoldsTheRowsOfAJSONLinesRun() throws {
    let directory = TemporaryDirectory()
    let landing = directory.path("landing")
    let keys = directory.path("keys")
    _ = try Toolkit.generate(GenerateRequest(
      output: landing, config: SynthConfig(customers: 120, seed: 41, defects: true, rowsPerFile: 2_000)))
    let (logger, _) = TestLogging.make()
    var request = RunRequest(landing: landing, workspace: directory.path("ws-parquet"), keysDirectory: keys)
    request.format = .parquet
    // The policy can name the format instead of the flag (`output.format`).
    let policyFile = directory.path("parquet-policy.yaml")
    try Data((try PolicyLoader.builtinText("strict") + "\noutput:\n  format: parquet\n").utf8).write(to: policyFile)
    let byPolicy = RunRequest(
      landing: landing, workspace: directory.path("ws-policy"), policyFile: policyFile, keysDirectory: keys)
    guard ParquetRows.isAvailable else {
      for (request, what) in [(request, "--format parquet"), (byPolicy, "output.format parquet")] {
        let error = #expect(throws: ToolkitError.self) { try Toolkit.run(request, logger: logger) }
        let message = error?.description ?? ""
        #expect(message.contains(what) && message.contains("scripts/setup-parquet"), "\(message)")
        #expect(!message.contains("\n"))
        #expect(!FileManager.default.fileExists(atPath: request.workspace.appendingPathComponent("runs").path))
      }
      return
    }
    let policyRun = try Toolkit.run(byPolicy, logger: logger)
    #expect(policyRun.summary.outputs.filter { $0.zone != .quarantine }.allSatisfy { $0.path.hasSuffix(".parquet") })
    let json = try Toolkit.run(
      RunRequest(landing: landing, workspace: directory.path("ws-json"), keysDirectory: keys), logger: logger)
    let parquet = try Toolkit.run(request, logger: logger)
    #expect(parquet.summary.tables == json.summary.tables)
    #expect(json.summary.tables.allSatisfy { $0.rowsOut > 0 })
    let published = parquet.summary.outputs.filter { $0.zone != .quarantine }
    #expect(published.count == 5 && published.allSatisfy { $0.path.hasSuffix("/part-00000.parquet") })
    #expect(parquet.summary.outputs.filter { $0.zone == .quarantine }.allSatisfy { $0.path.hasSuffix(".jsonl") })
    // Rows per file as the manifest lists them are the Parquet files' row counts.
    for output in published {
      let file = directory.path("ws-parquet/\(output.path)")
      #expect(try ParquetRows.forEachRow(path: file.path) { _, _ in } == Int(output.rows), "\(output.path)")
    }
    let rows = try Self.canonicalRows(directory.path("ws-json"))
    #expect(rows.count == 5)
    #expect(try Self.canonicalRows(directory.path("ws-parquet")) == rows)

    // Every command works on the Parquet workspace.
    let verified = try Toolkit.verify(VerifyRequest(workspace: directory.path("ws-parquet")))
    #expect(verified.passed, "\(verified.renderText())")
    let check = try Toolkit.check(CheckRequest(workspace: directory.path("ws-parquet"), keysDirectory: keys))
    #expect(check.outcome == .passed, "\(check.renderText())")
    // DuckDB and Spark SQL read every published row through their DDL.
    let duckdb = try Toolkit.ddl(DDLRequest(workspace: directory.path("ws-parquet"), dialect: .duckdb))
    #expect(duckdb.components(separatedBy: "read_parquet(").count == 6, "\(duckdb)")
    let sparkSQL = try Toolkit.ddl(DDLRequest(workspace: directory.path("ws-parquet"), dialect: .spark))
    #expect(sparkSQL.components(separatedBy: "USING parquet").count == 6, "\(sparkSQL)")
    for executed in [try DDLTests.execute(duckdb, in: directory), try DDLTests.execute(sparkSQL, spark: true, in: directory)] {
      #expect(executed.rows.count == 5)
      for output in published {
        #expect(executed.rows[output.table.rawValue] == output.rows, "\(output.table)")
      }
    }

    // The same rows make the same bytes: a second run publishes files of the same digests.
    let again = try Toolkit.run(
      { var again = request; again.workspace = directory.path("ws-parquet-2"); return again }(), logger: logger)
    #expect(again.summary.outputs.map(\.sha256) == parquet.summary.outputs.map(\.sha256))

    // A withdrawal re-curates in the format of the run it replaces.
    let email = try #require(try Self.firstEmail(directory.path("ws-json/trusted/customer_trusted/part-00000.jsonl")))
    let withdrawn = try Toolkit.withdraw(
      WithdrawRequest(workspace: directory.path("ws-parquet"), email: email, keysDirectory: keys), logger: logger)
    let after = try #require(withdrawn.run?.summary)
    #expect(after.outputs.filter { $0.zone != .quarantine }.allSatisfy { $0.path.hasSuffix(".parquet") })
    #expect(after.tables.first { $0.table == "customer_trusted" }?.excluded["withdrawn"] == 1)
    #expect(try Toolkit.verify(VerifyRequest(workspace: directory.path("ws-parquet"))).passed)
  }

  static func firstEmail(_ file: URL) throws -> String? {
    let line = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return object?["email"] as? String
  }
}
