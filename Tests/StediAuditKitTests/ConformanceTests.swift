import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import StediCore
import StediPolicy
import StediZones
import Testing

/// Runs every case of the conformance corpus through the real run pipeline (and `withdraw`)
/// and checks the decision of every row in every table, read back from the audit log.
struct ConformanceTests {
  static let profiles = ["strict", "udacity-rubric"]

  /// "case/profile" for every expectation of the corpus.
  static let runs: [String] = {
    guard let cases = try? ConformanceCase.all() else { return ["(corpus unreadable)"] }
    return cases.flatMap { item in item.expect.keys.sorted().map { "\(item.name)/\($0)" } }
  }()

  /// One movement of the audit log, as text.
  struct Move {
    var table: String
    var reason: String
    var destination: String?
  }

  /// Runs a case under a profile; returns each landing row's decisions (by source, line) and
  /// the run's summary.
  static func decide(_ item: ConformanceCase, profile: String, spark: Bool = false) throws -> (
    rows: [String: [Int: [String: String]]], summary: RunSummary
  ) {
    let directory = TemporaryDirectory()
    let landing = directory.path("landing")
    try item.writeLanding(to: landing)
    let workspace = directory.path("ws")
    let keys = directory.path("keys")
    let (logger, _) = TestLogging.make()
    var summary = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: keys),
      logger: logger
    ).summary
    for email in item.withdraw ?? [] {
      let outcome = try Toolkit.withdraw(
        WithdrawRequest(workspace: workspace, email: email, keysDirectory: keys), logger: logger)
      summary = try #require(outcome.run?.summary)
    }
    if spark {
      // The Spark path decides the case again, the withdrawals above recorded.
      summary = try Toolkit.spark(
        SparkRequest(
          run: RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: keys),
          python: SparkPathTests.packageRoot.appendingPathComponent(".venv-spark/bin/python").path),
        logger: logger
      ).summary
    }
    let audit = try AuditLog(readingFrom: Workspace(root: workspace).auditLogURL)
    var moves: [String: [Move]] = [:]
    let run = try #require(try audit.runs().first { $0.runID == summary.runID })
    for row in try audit.movementRows(run: run.id) {
      let source = "\(row.sourcePath):\(row.sourceLine)"
      let destination = row.destinationPath.flatMap { path in row.destinationLine.map { "\(path):\($0)" } }
      moves[source, default: []].append(
        Move(table: row.destinationTable.rawValue, reason: row.reason.rawValue, destination: destination))
    }
    var rows: [String: [Int: [String: String]]] = [:]
    for source in ConformanceCase.sources {
      for line in 1...max(1, item.landing[source]?.count ?? 0) {
        var decided: [String: String] = [:]
        var frontier = ["\(source)/\(source).json:\(line)"]
        // Follow each admitted row into the tables made from it (trusted, then curated).
        while let next = frontier.popLast() {
          var byTable: [String: [Move]] = [:]
          for move in moves[next] ?? [] { byTable[move.table, default: []].append(move) }
          for (table, tableMoves) in byTable {
            // A reading paired several times has one admitted movement per pair.
            decided[table] =
              tableMoves.contains { $0.reason == "admitted" } ? "admitted" : tableMoves[0].reason
            frontier += tableMoves.compactMap {
              $0.reason == "admitted" && table.hasSuffix("_trusted") ? $0.destination : nil
            }
          }
        }
        rows[source, default: [:]][line] = decided
      }
    }
    return (rows, summary)
  }

  @Test(arguments: runs)
  func everyRowGetsTheExpectedDecision(_ run: String) throws {
    try Self.check(run, spark: false)
  }

  /// The Spark job generated from the plan passes the corpus too (a build with Parquet;
  /// PySpark from scripts/setup-spark), under both profiles.
  @Test(arguments: runs)
  func theSparkJobGivesEveryRowTheExpectedDecision(_ run: String) throws {
    guard ParquetRows.isAvailable else {
      // Without Parquet the Spark path is refused in one line, before any run; the corpus runs
      // against it in the build with Parquet (.ci/run).
      let directory = TemporaryDirectory()
      let (logger, _) = TestLogging.make()
      let request = SparkRequest(run: RunRequest(
        landing: directory.path("landing"), workspace: directory.path("ws"), keysDirectory: directory.path("keys")))
      let refused = #expect(throws: ToolkitError.self) { try Toolkit.spark(request, logger: logger) }
      #expect(refused?.errorClass == .usage && refused?.description.contains("scripts/setup-parquet") == true)
      return
    }
    let (setup, error) = try ParquetTests.script("setup-spark", [])
    try #require(setup == 0, "\(error)")
    try Self.check(run, spark: true)
  }

  static func check(_ run: String, spark: Bool) throws {
    let parts = run.split(separator: "/").map(String.init)
    let item = try #require(try ConformanceCase.all().first { $0.name == parts.first })
    let profile = try #require(parts.last)
    let expected = try #require(item.expect[profile])
    let (rows, summary) = try Self.decide(item, profile: profile, spark: spark)
    for source in ConformanceCase.sources {
      let want = expected.rows(of: source)
      #expect(want.count == item.landing[source]?.count ?? 0, "\(source): one expectation per line")
      for (index, decisions) in want.enumerated() {
        #expect(
          rows[source]?[index + 1] == decisions,
          "\(item.name) \(profile) \(source) line \(index + 1)")
      }
    }
    let machineLearning = summary.tables.first { $0.table == "machine_learning_curated" }
    #expect(
      machineLearning?.rowsOut == expected.machineLearningRows, "machine_learning_curated rows out")
    #expect(
      Dictionary(uniqueKeysWithValues: summary.hazards.map { ($0.kind, $0.count) })
        == expected.hazards)
    #expect(summary.isConserved)
  }

  /// The corpus exercises every reason code each profile's plan can yield.
  @Test(arguments: profiles)
  func theCorpusCoversEveryReasonOfThePlan(_ profile: String) throws {
    let plan = DecisionPlan(compiling: try PolicyLoader.builtin(profile))
    var seen: Set<String> = []
    for item in try ConformanceCase.all() {
      for rows in [
        item.expect[profile]?.customer, item.expect[profile]?.accelerometer,
        item.expect[profile]?.stepTrainer,
      ] {
        for row in rows ?? [] { seen.formUnion(row.values) }
      }
    }
    let reasons = Set(plan.reasons.map(\.rawValue))
    #expect(reasons.subtracting(seen).isEmpty, "not covered: \(reasons.subtracting(seen).sorted())")
    #expect(
      seen.subtracting(reasons).isEmpty,
      "expected but not in the plan: \(seen.subtracting(reasons).sorted())")
  }
}
