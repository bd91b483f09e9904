import Foundation
import StediAuditKit
import StediAuditTestSupport
import Testing

/// The day-to-day commands: the CI gate, the subject trace and consent withdrawal.
struct CheckTraceWithdrawTests {
  static func workspace(_ profile: String = "strict") throws -> (TemporaryDirectory, URL) {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let (logger, _) = TestLogging.make()
    _ = try Toolkit.run(RunRequest(landing: landing, workspace: directory.path("ws"), profile: profile, keysDirectory: directory.path("keys")), logger: logger)
    return (directory, directory.path("ws"))
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func aCleanRunPassesTheGate(_ profile: String) throws {
    let (directory, workspace) = try Self.workspace(profile)
    let report = try Toolkit.check(CheckRequest(workspace: workspace, keysDirectory: directory.path("keys")))
    #expect(report.outcome == .passed, "\(report.renderText())")
    #expect(report.rowsChecked.count == 5)
    #expect(report.renderJUnit().contains(#"failures="0""#))
    _ = directory
  }

  @Test func plantedViolationsInAnotherToolsOutputAreCaught() throws {
    let (directory, _) = try Self.workspace()
    let landing = try #require(TinyFixtureTests.tiny)
    let curated = directory.path("spark/machine_learning_curated")
    try FileManager.default.createDirectory(at: curated, withIntermediateDirectories: true)
    // What a timestamp-only Glue job writes: Ben has no consent, Ana's 900 reading predates her
    // consent (1000), and Dee's reading is paired with Ana's Step Trainer.
    try """
      {"user":"ana.lee@test.com","timestamp":1000,"serialNumber":"S-A","sensorReadingTime":1000,"distanceFromObject":10,"x":1.0,"y":0.0,"z":-1.0}
      {"user":"ben.ode@test.com","timestamp":1000,"serialNumber":"S-B","sensorReadingTime":1000,"distanceFromObject":12,"x":1.0,"y":1.0,"z":1.0}
      {"user":"ana.lee@test.com","timestamp":900,"serialNumber":"S-A","sensorReadingTime":900,"distanceFromObject":11,"x":1.0,"y":0.0,"z":-1.0}
      {"user":"dee.roy@test.com","timestamp":2500,"serialNumber":"S-A","sensorReadingTime":2500,"distanceFromObject":13,"x":1,"y":2,"z":3}

      """.write(to: curated.appendingPathComponent("part-0.json"), atomically: true, encoding: .utf8)
    let report = try Toolkit.check(CheckRequest(
      landing: landing, curated: directory.path("spark"), keysDirectory: directory.path("keys")))
    #expect(report.outcome == .violation)
    #expect(report.violations.map(\.line) == [2, 3, 4])
    #expect(report.violations.map(\.reason) == ["no_consent", "before_consent", "cross_customer_join"])
    #expect(report.violations.allSatisfy { $0.pseudonym.count == 32 })
    #expect(report.violations[0].text.hasPrefix("machine_learning_curated machine_learning_curated/part-0.json:2 no_consent "))
    let junit = report.renderJUnit()
    #expect(junit.contains(#"failures="1""#))
    #expect(junit.contains("3 rows violate policy strict"))
    for identity in ["ben.ode@test.com", "ana.lee@test.com", "Ana Lee"] { #expect(!junit.contains(identity)) }
    // The same file under the rubric profile: consent time and the pairing are allowed there.
    let rubric = try Toolkit.check(CheckRequest(landing: landing, curated: directory.path("spark"), profile: "udacity-rubric"))
    #expect(rubric.violations.map(\.reason) == ["no_consent"])
  }

  @Test func aRowSlippedIntoAPublishedTableFailsTheGate() throws {
    let (directory, workspace) = try Self.workspace()
    let file = workspace.appendingPathComponent("trusted/accelerometer_trusted/part-00000.jsonl")
    let handle = try FileHandle(forWritingTo: file)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"user":"ben.ode@test.com","timestamp":1000,"x":1.0,"y":1.0,"z":1.0}"#.utf8 + [0x0a]))
    try handle.close()
    let report = try Toolkit.check(CheckRequest(workspace: workspace, keysDirectory: directory.path("keys")))
    #expect(report.outcome == .violation)
    #expect(report.violations.map(\.reason) == ["no_consent"])
    #expect(report.violations.first?.line == 7)
    #expect(report.verification?.passed == false)
    _ = directory
  }

  @Test func aTamperedWorkspaceFailsVerificationInTheGate() throws {
    let (directory, workspace) = try Self.workspace()
    try "{}\n".write(to: workspace.appendingPathComponent("curated/extra.jsonl"), atomically: true, encoding: .utf8)
    let report = try Toolkit.check(CheckRequest(workspace: workspace, keysDirectory: directory.path("keys")))
    #expect(report.outcome == .verificationFailed)
    #expect(report.renderJUnit().contains("not listed in the manifest"))
    _ = directory
  }

  @Test func traceFindsACustomerByEmailOrPseudonym() throws {
    let (directory, workspace) = try Self.workspace()
    let byEmail = try Toolkit.trace(TraceRequest(workspace: workspace, email: "Ana.Lee@TEST.com", keysDirectory: directory.path("keys")))
    let tables = Dictionary(uniqueKeysWithValues: byEmail.publishedTables.map { ($0.table, $0.admitted) })
    #expect(tables == ["customer_trusted": 1, "accelerometer_trusted": 3, "step_trainer_trusted": 1, "customer_curated": 1, "machine_learning_curated": 2])
    let run = try #require(byEmail.runs.first)
    #expect(run.tables.first { $0.table == "customer_trusted" }?.excluded == ["duplicate": 1])
    #expect(run.manifest?.hasPrefix("manifests/") == true)
    let pseudonym = try #require(byEmail.pseudonyms.last)
    let byID = try Toolkit.trace(TraceRequest(workspace: workspace, customerId: pseudonym, keysDirectory: directory.path("keys")))
    #expect(byID.runs == byEmail.runs)
    #expect(!byEmail.renderText().contains("ana.lee"))
    let nobody = try Toolkit.trace(TraceRequest(workspace: workspace, email: "nobody@test.com", keysDirectory: directory.path("keys")))
    #expect(nobody.runs.isEmpty)
    _ = directory
  }

  /// `trace --rows`: every movement of her rows, each landing line once, the machine-learning
  /// rows by both parents, every destination a line of the published files.
  @Test func traceListsEveryMovementOfACustomersRows() throws {
    let (directory, workspace) = try Self.workspace()
    let trace = try Toolkit.trace(TraceRequest(
      workspace: workspace, email: "ana.lee@test.com", keysDirectory: directory.path("keys"), rows: true))
    let run = try #require(trace.runs.first)
    let lines = try #require(run.movements)
    let tables = Dictionary(uniqueKeysWithValues: run.tables.map { ($0.table, $0) })
    for table in run.tables {
      let admitted = Set(lines.filter { $0.table == table.table && $0.decision == "admitted" }
        .map { "\($0.destinationPath ?? "")#\($0.destinationLine ?? 0)" })
      #expect(Int64(admitted.count) == table.admitted, "\(table.table)")
      let excluded = lines.filter { $0.table == table.table && $0.decision == "excluded" }
      #expect(Int64(excluded.count) == table.excluded.values.reduce(0, +), "\(table.table)")
      #expect(excluded.allSatisfy { $0.destinationPath == nil && $0.destinationLine == nil })
    }
    #expect(lines.filter { $0.table == "customer_trusted" && $0.reason == "duplicate" }.count == 1)
    let machineLearning = lines.filter { $0.table == "machine_learning_curated" && $0.decision == "admitted" }
    #expect(machineLearning.count == 2 * Int(tables["machine_learning_curated"]?.admitted ?? 0))
    #expect(machineLearning.allSatisfy { $0.sourceZone == "trusted" })
    let landing = lines.filter { $0.sourceZone == "landing" }
    #expect(Set(landing.map { "\($0.sourcePath):\($0.sourceLine)" }).count == landing.count)
    for line in lines where line.decision == "admitted" {
      let path = try #require(line.destinationPath)
      let text = try String(contentsOf: workspace.appendingPathComponent("current/\(path)"), encoding: .utf8)
      let count = text.split(separator: "\n").count
      #expect((1...count).contains(Int(line.destinationLine ?? 0)), "\(path):\(line.destinationLine ?? 0)")
    }
    #expect(!trace.renderText().contains("ana.lee"))
    #expect(trace.renderText().contains(" -> machine_learning_curated admitted at curated/machine_learning_curated/part-00000.jsonl:"))
    _ = directory
  }

  @Test func withdrawalRoundTrip() throws {
    let (directory, workspace) = try Self.workspace()
    let (logger, logs) = TestLogging.make()
    let dry = try Toolkit.withdraw(WithdrawRequest(workspace: workspace, email: "ana.lee@test.com", dryRun: true, keysDirectory: directory.path("keys")), logger: logger)
    #expect(dry.run == nil)
    #expect(dry.impact.publishedTables.count == 5)
    #expect(try Toolkit.trace(TraceRequest(workspace: workspace, email: "ana.lee@test.com", keysDirectory: directory.path("keys"))).withdrawals.isEmpty)

    let done = try Toolkit.withdraw(WithdrawRequest(workspace: workspace, email: "ana.lee@test.com", asOf: 1_700_000_000_000, keysDirectory: directory.path("keys")), logger: logger)
    #expect(done.newlyRecorded)
    #expect(done.after?.publishedTables == [])
    let summary = try #require(done.run?.summary)
    #expect(summary.tables.first { $0.table == "customer_trusted" }?.excluded["withdrawn"] == 1)
    #expect(summary.tables.first { $0.table == "machine_learning_curated" }?.rowsOut == 1)
    let trace = try Toolkit.trace(TraceRequest(workspace: workspace, email: "ana.lee@test.com", keysDirectory: directory.path("keys")))
    #expect(trace.withdrawals.map(\.asOf) == [1_700_000_000_000])
    #expect(try Toolkit.check(CheckRequest(workspace: workspace, keysDirectory: directory.path("keys"))).outcome == .passed)
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
    // The earlier run's directory, which held her rows, is gone.
    let runs = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("runs").path)
    #expect(runs == [summary.runID])
    let again = try Toolkit.withdraw(WithdrawRequest(workspace: workspace, email: "ana.lee@test.com", keysDirectory: directory.path("keys")), logger: logger)
    #expect(!again.newlyRecorded)
    #expect(!TestLogging.text(of: logs).contains("ana.lee"))
    _ = directory
  }
}
