import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediSynth
import Testing

/// `diff`: a dry run of a changed policy or new landing data, compared row by row with the
/// published run, gating any change that would admit rows excluded for consent.
struct DiffTests {
  /// A workspace with one published run of `profile` over `landing`.
  static func published(_ profile: String, landing: URL, in directory: TemporaryDirectory) throws -> URL {
    let (logger, _) = TestLogging.make()
    let workspace = directory.path("ws")
    _ = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: directory.path("keys")),
      logger: logger)
    return workspace
  }

  static func diff(
    _ workspace: URL, profile: String? = nil, landing: URL? = nil, in directory: TemporaryDirectory
  ) throws -> DiffReport {
    let (logger, _) = TestLogging.make()
    var request = DiffRequest(
      workspace: workspace, profile: profile, landing: landing, keysDirectory: directory.path("keys"))
    request.scratch = directory.path("scratch")
    try FileManager.default.createDirectory(at: directory.path("scratch"), withIntermediateDirectories: true)
    return try Toolkit.diff(request, logger: logger)
  }

  static func generated(_ directory: TemporaryDirectory) throws -> (URL, GenerateOutcome) {
    let landing = directory.path("landing")
    let outcome = try Toolkit.generate(GenerateRequest(
      output: landing, config: SynthConfig(customers: 60, seed: 21, defects: true, rowsPerFile: 1_500)))
    return (landing, outcome)
  }

  /// Every table's published rows change by exactly what moved in and out.
  static func expectConserved(_ report: DiffReport) {
    for table in report.tables {
      #expect(table.candidateRows - table.baselineRows == table.rowsIn - table.rowsOut, "\(table.table)")
    }
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func theSamePolicyOnTheSameDataChangesNothing(_ profile: String) throws {
    let directory = TemporaryDirectory()
    let (landing, _) = try Self.generated(directory)
    let workspace = try Self.published(profile, landing: landing, in: directory)
    let report = try Self.diff(workspace, profile: profile, in: directory)
    #expect(report.isUnchanged)
    #expect(!report.landingChanged)
    #expect(report.consentAdmissions.isEmpty)
    #expect(report.consentReference == "baseline")
    #expect(report.tables.count == 5)
    #expect(report.tables.allSatisfy { $0.movedIn.isEmpty && $0.movedOut.isEmpty && $0.candidateRows == $0.baselineRows })
    #expect(report.tables.contains { $0.baselineRows > 0 })
    #expect(report.verdict == "no change")
    #expect(report.renderJUnit().contains(#"failures="0""#))
    // Nothing is left in the scratch folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("scratch").path) == [])
  }

  @Test func theRubricWouldAdmitRowsExcludedForConsent() throws {
    let directory = TemporaryDirectory()
    let (landing, generated) = try Self.generated(directory)
    let workspace = try Self.published("strict", landing: landing, in: directory)
    let before = try Self.snapshot(workspace)
    let report = try Self.diff(workspace, profile: "udacity-rubric", in: directory)
    #expect(report.admitsConsentExcludedRows)
    #expect(report.verdict.hasPrefix("FAIL"))
    Self.expectConserved(report)
    // The rubric takes every reading of a consenting customer: each reading strict excluded as
    // before_consent moves in, labelled with that reason, and the gate counts it.
    let accelerometer = try #require(report.tables.first { $0.table == "accelerometer_trusted" })
    let excluded = try #require(accelerometer.reasons.first { $0.reason == "before_consent" })
    #expect(excluded.baseline > 0)
    #expect(excluded.candidate == 0)
    #expect(accelerometer.movedIn.first { $0.reason == "before_consent" }?.rows == excluded.baseline)
    #expect(report.consentAdmissions.contains { $0.table == "accelerometer_trusted" && $0.rows == excluded.baseline })
    // The timestamp-only join pairs readings strict does not pair, a hazard the rubric raises.
    let learning = try #require(report.tables.first { $0.table == "machine_learning_curated" })
    #expect(learning.rowsIn > 0)
    #expect(report.hazards.contains { $0.kind == "cross_customer_join" && $0.baseline == nil && $0.candidate != nil })
    // Customers compare by pseudonym: whoever strict keeps in machine_learning_curated the
    // rubric keeps too (it drops no reading), so none is lost.
    #expect(report.machineLearningCustomers.lost == [])
    #expect(report.machineLearningCustomers.gained.allSatisfy { $0.count == 32 })
    let junit = report.renderJUnit()
    #expect(junit.contains("<failure message="))
    // No identity in any output; the workspace is untouched.
    let emails = generated.truth.samples.map(\.email)
    #expect(!emails.isEmpty)
    let json = try JSONEncoder().encode(report)
    for text in [Data(report.renderMarkdown().utf8), Data(junit.utf8), json] {
      #expect(PlaintextScan.occurrences(of: emails + ["@test.com"], in: text) == [])
    }
    let after = try Self.snapshot(workspace)
    #expect(after.keys.sorted() == before.keys.sorted())
    for (name, bytes) in before where after[name] != bytes { Issue.record("\(name) changed") }
  }

  @Test func aStricterPolicyMovesRowsOutAndPasses() throws {
    let directory = TemporaryDirectory()
    let (landing, _) = try Self.generated(directory)
    let workspace = try Self.published("udacity-rubric", landing: landing, in: directory)
    let report = try Self.diff(workspace, profile: "strict", in: directory)
    #expect(!report.admitsConsentExcludedRows)
    #expect(!report.isUnchanged)
    Self.expectConserved(report)
    let accelerometer = try #require(report.tables.first { $0.table == "accelerometer_trusted" })
    #expect((accelerometer.movedOut.first { $0.reason == "before_consent" }?.rows ?? 0) > 0)
  }

  @Test func newLandingRowsAreNewAndTheSamePolicyCannotBreakConsent() throws {
    let directory = TemporaryDirectory()
    let tiny = try #require(TinyFixtureTests.tiny)
    let workspace = try Self.published("strict", landing: tiny, in: directory)
    let landing = try Self.copy(tiny, to: directory.path("new-landing"))
    // One new reading of Ana (consent 1000) after her consent, and one line removed.
    let file = landing.appendingPathComponent("accelerometer/landing/accelerometer-2.json")
    var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let removed = lines.remove(at: 0)  // Dee 2500 (consent 2000), admitted under strict.
    #expect(removed.contains("dee.roy") && removed.contains("\"timestamp\":2500"))
    lines.insert(#"{"user":"ana.lee@test.com","timestamp":1200,"x":0.0,"y":0.0,"z":0.5}"#, at: 0)
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    let report = try Self.diff(workspace, landing: landing, in: directory)
    #expect(report.landingChanged)
    #expect(report.consentReference == "none")
    #expect(!report.admitsConsentExcludedRows)
    let accelerometer = try #require(report.tables.first { $0.table == "accelerometer_trusted" })
    #expect(accelerometer.movedIn.map { "\($0.reason) \($0.rows)" } == ["new_row 1"])
    #expect(accelerometer.movedOut.map { "\($0.reason) \($0.rows)" } == ["removed_row 1"])
    Self.expectConserved(report)
  }

  @Test func withNewDataAndANewPolicyTheGateJudgesTheNewRowsByTheCurrentPolicy() throws {
    let directory = TemporaryDirectory()
    let tiny = try #require(TinyFixtureTests.tiny)
    let workspace = try Self.published("strict", landing: tiny, in: directory)
    let landing = try Self.copy(tiny, to: directory.path("new-landing"))
    // A new reading of Ana before her consent (1000): new to the baseline, but the current
    // policy excludes it as before_consent, and the rubric would admit it.
    let file = landing.appendingPathComponent("accelerometer/landing/accelerometer-2.json")
    let text = try String(contentsOf: file, encoding: .utf8)
    try (text + #"{"user":"ana.lee@test.com","timestamp":950,"x":0.0,"y":0.0,"z":0.5}"# + "\n")
      .write(to: file, atomically: true, encoding: .utf8)
    let report = try Self.diff(workspace, profile: "udacity-rubric", landing: landing, in: directory)
    #expect(report.consentReference == "current policy on the candidate landing")
    let accelerometer = try #require(report.tables.first { $0.table == "accelerometer_trusted" })
    #expect(accelerometer.movedIn.contains { $0.reason == "new_row" && $0.rows == 1 })
    // Two before_consent readings of the fixture plus the new one.
    #expect(report.consentAdmissions.first { $0.table == "accelerometer_trusted" && $0.reason == "before_consent" }?.rows == 3)
  }

  @Test func aWithdrawnCustomerStaysOutOfTheDryRun() throws {
    let directory = TemporaryDirectory()
    let tiny = try #require(TinyFixtureTests.tiny)
    let workspace = try Self.published("strict", landing: tiny, in: directory)
    let (logger, _) = TestLogging.make()
    _ = try Toolkit.withdraw(
      WithdrawRequest(workspace: workspace, email: "ana.lee@test.com", keysDirectory: directory.path("keys")), logger: logger)
    let report = try Self.diff(workspace, in: directory)
    #expect(report.isUnchanged)
    let trusted = try #require(report.tables.first { $0.table == "accelerometer_trusted" })
    #expect((trusted.reasons.first { $0.reason == "withdrawn" }?.candidate ?? 0) > 0)
  }

  @Test func aWorkspaceWithoutAPublishedRunIsMissingInput() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.createDirectory(at: directory.path("empty"), withIntermediateDirectories: true)
    let error = #expect(throws: ToolkitError.self) { try Self.diff(directory.path("empty"), in: directory) }
    #expect(error?.description.contains("no audit log") == true)
  }

  /// What a dry run must not change: the workspace's files and the audit log's bytes.
  static func snapshot(_ workspace: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: workspace, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
      guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
      let relative = String(url.path.dropFirst(workspace.path.count))
      // SQLite makes the WAL index files when a reader opens the log; the log's bytes stay.
      if relative.hasSuffix("-wal") || relative.hasSuffix("-shm") { continue }
      out[relative] = try Data(contentsOf: url)
    }
    return out
  }

  static func copy(_ source: URL, to destination: URL) throws -> URL {
    try FileManager.default.copyItem(at: source, to: destination)
    return destination
  }
}
