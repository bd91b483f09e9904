import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import StediKeys
import StediManifest
import Testing

/// The audit chain is the authority on what was published: rolling `current` back, removing the
/// latest run, re-signing a manifest with the producer's own key and forging the whole workspace
/// with a new key are detected — with the producer's key pinned (`--public-key`) and, for what
/// a consistent chain cannot show by itself, the head kept outside the workspace
/// (`--expect-head`). The matrix of changed files and records is `TamperTests`.
struct ChainTamperTests {
  /// A workspace after `profiles.count` runs of the tiny fixture, its key folder beside it.
  struct Fixture {
    let directory = TemporaryDirectory()
    var outcomes: [RunOutcome] = []
    var workspace: URL { directory.path("ws") }
    var keys: URL { directory.path("keys") }
    var pinned: URL { keys.appendingPathComponent("signing.pub.pem") }
    var runs: [String] { outcomes.map(\.summary.runID) }

    init(_ profiles: [String] = ["strict", "udacity-rubric"]) throws {
      for profile in profiles { try run(profile) }
    }

    mutating func run(_ profile: String, keys: URL? = nil) throws {
      let landing = try #require(TinyFixtureTests.tiny)
      let (logger, _) = TestLogging.make()
      outcomes.append(try Toolkit.run(
        RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: keys ?? self.keys),
        logger: logger))
    }

    func verify(pinned: Bool = true, expectHead: String? = nil) throws -> VerificationReport {
      try Toolkit.verify(VerifyRequest(workspace: workspace, publicKey: pinned ? self.pinned : nil, expectHead: expectHead))
    }

    /// Runs `first`, copies its run directory aside (as a backup would), then runs `then`.
    init(first: String, then profiles: [String]) throws {
      try run(first)
      try FileManager.default.copyItem(at: runDirectory(runs[0]), to: directory.path("copy"))
      for profile in profiles { try run(profile) }
    }

    func runDirectory(_ runID: String) -> URL { workspace.appendingPathComponent("runs/\(runID)") }

    /// Puts the copy of the first run back into `runs/`.
    func restoreFirstRun() throws {
      try? FileManager.default.removeItem(at: runDirectory(runs[0]))
      try FileManager.default.copyItem(at: directory.path("copy"), to: runDirectory(runs[0]))
    }

    /// Points `current` at a run, as `rename(2)` of a new link would.
    func point(currentAt runID: String) throws {
      let temporary = workspace.appendingPathComponent(".current-tamper")
      try FileManager.default.createSymbolicLink(atPath: temporary.path, withDestinationPath: "runs/\(runID)")
      #expect(rename(temporary.path, workspace.appendingPathComponent("current").path) == 0)
    }

    /// Deletes a run's directory, manifest and audit rows (all but its events).
    func deleteRun(_ number: Int, _ runID: String) throws {
      try? FileManager.default.removeItem(at: workspace.appendingPathComponent("runs/\(runID)"))
      try FileManager.default.removeItem(at: workspace.appendingPathComponent("manifests/\(runID).dsse.json"))
      try TamperTests.sql(workspace, """
        DELETE FROM movement_range WHERE run = \(number); DELETE FROM file WHERE run = \(number);
        DELETE FROM table_count WHERE run = \(number); DELETE FROM reason_count WHERE run = \(number);
        DELETE FROM hazard WHERE run = \(number); DELETE FROM run WHERE id = \(number);
        """)
    }
  }

  @Test func anUntouchedWorkspaceAgreesWithItsChain() throws {
    let fixture = try Fixture()
    let report = try fixture.verify(expectHead: fixture.outcomes[1].auditHead)
    #expect(report.passed, "\(report.renderText())")
    #expect(report.auditHead == fixture.outcomes[1].auditHead)
    #expect(report.checks.last?.name == "audit chain contains the expected head")
    #expect(report.checks.last?.details.first?.hasSuffix("0 events after it") == true)
  }

  @Test func currentPointedAtAnOlderRunRestoredFromACopyIsDetected() throws {
    let fixture = try Fixture(first: "strict", then: ["udacity-rubric", "strict"])
    #expect(!FileManager.default.fileExists(atPath: fixture.runDirectory(fixture.runs[0]).path))
    try fixture.restoreFirstRun()
    try fixture.point(currentAt: fixture.runs[0])
    let report = try fixture.verify()
    #expect(report.publishedRun == fixture.runs[0])
    // The restored files match their own signed manifest: only the chain shows the rollback.
    #expect(Set(TamperTests.failed(report).keys) == ["audit event chain"])
    #expect(TamperTests.failed(report)["audit event chain"] == [
      "current points at run \(fixture.runs[0]), but the audit chain's latest published run is \(fixture.runs[2]) (rolled back to an older run, or the latest one was removed)"
    ])
  }

  @Test func currentPointedAtTheRunBeforeIsDetected() throws {
    let fixture = try Fixture()
    try fixture.point(currentAt: fixture.runs[0])
    let failed = TamperTests.failed(try fixture.verify())
    #expect(failed["audit event chain"]?.first?.hasPrefix("current points at run \(fixture.runs[0]), but") == true)
  }

  @Test func aDeletedLatestRunIsDetectedByTheEventsThatRemain() throws {
    let fixture = try Fixture()
    try fixture.deleteRun(2, fixture.runs[1])
    try fixture.point(currentAt: fixture.runs[0])
    let details = TamperTests.failed(try fixture.verify())["audit event chain"] ?? []
    #expect(details.contains("event 5 (run_started) names run #2, which is not in the audit log (its records were deleted)"))
    #expect(details.contains { $0.hasPrefix("the audit chain's latest published run (#2) has no run record (deleted)") })
  }

  @Test func aDeletedLatestRunDirectoryAndManifestAreNamed() throws {
    let fixture = try Fixture()
    try FileManager.default.removeItem(at: fixture.workspace.appendingPathComponent("runs/\(fixture.runs[1])"))
    try FileManager.default.removeItem(at: fixture.workspace.appendingPathComponent("manifests/\(fixture.runs[1]).dsse.json"))
    try fixture.point(currentAt: fixture.runs[0])
    let failed = TamperTests.failed(try fixture.verify())
    #expect(failed["audit event chain"]?.contains(
      "the audit chain's latest published run \(fixture.runs[1]) is missing its manifest and its directory runs/\(fixture.runs[1]) (deleted)") == true)
    #expect(failed["manifest signatures"]?.contains("run \(fixture.runs[1]): manifest \(fixture.runs[1]).dsse.json is missing") == true)
  }

  @Test func aLatestRunDeletedWithItsEventsFailsTheHeadKeptOutside() throws {
    let fixture = try Fixture(first: "strict", then: ["udacity-rubric"])
    try fixture.deleteRun(2, fixture.runs[1])
    try fixture.restoreFirstRun()
    try TamperTests.sql(fixture.workspace, "DELETE FROM event WHERE run = 2;")
    try fixture.point(currentAt: fixture.runs[0])
    // A chain cut at its end is consistent by itself: that is what the head kept outside is for.
    #expect(try fixture.verify().passed)
    let report = try fixture.verify(expectHead: fixture.outcomes[1].auditHead)
    let head = try #require(fixture.outcomes[1].auditHead)
    #expect(Set(TamperTests.failed(report).keys) == ["audit chain contains the expected head"])
    #expect(TamperTests.failed(report)["audit chain contains the expected head"]?.first?.hasPrefix(
      "the audit chain does not contain the expected head \(head.prefix(23))… (rolled back, truncated or rewritten)") == true)
    // An older head is still in the chain ("at or after it").
    #expect(try fixture.verify(expectHead: fixture.outcomes[0].auditHead).passed)
  }

  @Test func aDeletedMiddleRunBreaksTheManifestAndEventChains() throws {
    let fixture = try Fixture(["strict", "udacity-rubric", "strict"])
    try fixture.deleteRun(2, fixture.runs[1])
    try TamperTests.sql(fixture.workspace, "DELETE FROM event WHERE run = 2;")
    let failed = TamperTests.failed(try fixture.verify())
    #expect(failed["manifest chain"]?.first?.hasPrefix("run \(fixture.runs[2]): previous manifest should be \(fixture.runs[0])") == true)
    #expect(failed["audit event chain"]?.contains { $0.contains("an event was removed or reordered") } == true)
  }

  @Test func aManifestResignedWithTheProducersKeyIsCaughtByItsEvent() throws {
    let fixture = try Fixture()
    let path = "curated/machine_learning_curated/part-00000.jsonl"
    let file = fixture.workspace.appendingPathComponent(path)
    let tampered = try Data(contentsOf: file).dropLast(1) + Data(",\n".utf8)
    try tampered.write(to: file)
    // Whoever holds the signing key rewrites the manifest's digest, re-signs it and records it.
    let url = fixture.workspace.appendingPathComponent("manifests/\(fixture.runs[1]).dsse.json")
    let envelope = try JSONDecoder().decode(DSSEEnvelope.self, from: Data(contentsOf: url))
    var statement = try JSONDecoder().decode(RunStatement.self, from: try #require(Data(base64Encoded: envelope.payload)))
    let index = try #require(statement.subject.firstIndex { $0.name == path })
    statement.subject[index] = .init(name: path, sha256: RowDigester.sha256Hex(tampered))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let key = try KeyStore(directory: fixture.keys).signingKey(createIfMissing: false).0
    let signed = try DSSE.encode(DSSE.sign(payload: Array(try encoder.encode(statement)), payloadType: envelope.payloadType, key: key))
    try Data(signed).write(to: url)
    try TamperTests.sql(fixture.workspace, "UPDATE run SET manifest_sha256 = '\(RowDigester.sha256Hex(Data(signed)))' WHERE id = 2;")
    let failed = TamperTests.failed(try fixture.verify())
    #expect(Set(failed.keys) == ["manifest signatures"])
    #expect(failed["manifest signatures"]?.first?.hasPrefix(
      "run \(fixture.runs[1]): manifest \(fixture.runs[1]).dsse.json (sha256 \(RowDigester.sha256Hex(Data(signed)).prefix(16))…) is not the one its manifest_signed event names") == true)
  }

  @Test func aFullForgeWithANewKeyWarnsUnpinnedAndFailsPinnedOrWithTheHead() throws {
    var fixture = try Fixture()
    let realHead = try #require(fixture.outcomes[1].auditHead)
    // The forger rebuilds the workspace with the tool itself, a new key and a chain of its own.
    for name in ["audit", "manifests", "runs", "keys", "current"] {
      try FileManager.default.removeItem(at: fixture.workspace.appendingPathComponent(name))
    }
    let forgerKeys = fixture.directory.path("forger-keys")
    try fixture.run("udacity-rubric", keys: forgerKeys)
    let forger = try KeyStore(directory: forgerKeys).publicKey().keyID

    let unpinned = try fixture.verify(pinned: false)
    #expect(unpinned.passed, "a consistent forgery verifies against its own key")
    #expect(unpinned.trust == .init(keyId: forger, source: .workspace, path: fixture.workspace.appendingPathComponent("keys/signing.pub.pem").path))
    #expect(unpinned.warnings.contains { $0.hasPrefix("trusted the workspace's own key \(forger)") })
    #expect(unpinned.renderText().contains("warning: trusted the workspace's own key \(forger)"))

    let pinned = try fixture.verify()
    #expect(pinned.trust?.source == .publicKeyFile)
    #expect(pinned.warnings.isEmpty)
    #expect(TamperTests.failed(pinned)["manifest signatures"]?.contains { $0.contains(forger) } == true)

    let headed = try fixture.verify(pinned: false, expectHead: realHead)
    #expect(TamperTests.failed(headed)["audit chain contains the expected head"] != nil)
    #expect(!headed.passed)
  }

  @Test func aWithdrawalAfterThePublishedRunIsAWarningUntilItIsReCurated() throws {
    let fixture = try Fixture()
    #expect(try fixture.verify().warnings.isEmpty)
    // A withdraw whose re-curation did not finish: recorded, but the published run predates it.
    try AuditLog(path: fixture.workspace.appendingPathComponent("audit/audit.sqlite")).recordWithdrawal(
      Withdrawal(keyID: fixture.outcomes[0].summary.pseudonymKeyID, pseudonym: String(repeating: "ab", count: 16), asOf: 1, recordedAt: 2))
    let report = try fixture.verify()
    #expect(report.passed)
    #expect(report.warnings == [
      "1 consent withdrawal was recorded after the latest published run: the published tables may still hold those customers' rows; run 'withdraw' again to re-curate"
    ])
    var next = fixture
    try next.run("udacity-rubric")
    #expect(try next.verify().warnings.isEmpty)
  }
}
