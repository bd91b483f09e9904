import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediKeys
import StediManifest
import Testing

/// The tamper matrix: every change to an output, a manifest or the audit log is detected by
/// `verify`, with a message naming what differs; an untouched workspace verifies clean.
struct TamperTests {
  /// A workspace with two runs of the tiny fixture (strict, then udacity-rubric: published).
  static func workspace() throws -> (TemporaryDirectory, URL, [String]) {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    var runs: [String] = []
    for profile in ["strict", "udacity-rubric"] {
      runs.append(try Toolkit.run(RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: directory.path("keys")), logger: logger).summary.runID)
    }
    return (directory, workspace, runs)
  }

  static func failed(_ report: VerificationReport) -> [String: [String]] {
    Dictionary(uniqueKeysWithValues: report.checks.filter { !$0.passed }.map { ($0.name, $0.details) })
  }

  static func sql(_ workspace: URL, _ statement: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit()
      # A tampering that changes nothing tests nothing.
      sys.exit(0 if db.total_changes > 0 else 3)
      """, workspace.appendingPathComponent("audit/audit.sqlite").path, statement]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func anUntouchedWorkspaceVerifiesClean() throws {
    let (directory, workspace, runs) = try Self.workspace()
    let report = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(report.passed, "\(report.renderText())")
    #expect(report.publishedRun == runs[1])
    #expect(report.checks.count == 7)
    _ = directory
  }

  static let outputs = [
    "trusted/customer_trusted/part-00000.jsonl", "trusted/accelerometer_trusted/part-00000.jsonl",
    "trusted/step_trainer_trusted/part-00000.jsonl", "curated/customer_curated/part-00000.jsonl",
    "curated/machine_learning_curated/part-00000.jsonl",
    "quarantine/customer_landing/part-00000.jsonl",
  ]

  @Test(arguments: outputs)
  func oneChangedByteOfAnOutputIsDetected(_ path: String) throws {
    let (directory, workspace, _) = try Self.workspace()
    let url = workspace.appendingPathComponent(path)
    var bytes = try Data(contentsOf: url)
    let index = bytes.count / 2
    bytes[index] = bytes[index] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
    try bytes.write(to: url)
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["published files match the signed manifest"]?.first?.hasPrefix("\(path): sha256") == true)
    _ = directory
  }

  @Test func aDeletedRowIsDetected() throws {
    let (directory, workspace, _) = try Self.workspace()
    let url = workspace.appendingPathComponent("curated/machine_learning_curated/part-00000.jsonl")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    try (lines.dropLast().joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["published files match the signed manifest"]?.first?.contains("machine_learning_curated") == true)
    _ = directory
  }

  @Test func anAddedFileIsDetected() throws {
    let (directory, workspace, _) = try Self.workspace()
    try "{}\n".write(to: workspace.appendingPathComponent("curated/customer_curated/part-00001.jsonl"), atomically: true, encoding: .utf8)
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["published files match the signed manifest"] == ["curated/customer_curated/part-00001.jsonl: not listed in the manifest (added)"])
    _ = directory
  }

  @Test func anEditedAuditRecordIsDetected() throws {
    let (directory, workspace, runs) = try Self.workspace()
    try Self.sql(workspace, "UPDATE movement_range SET reason = 0 WHERE rowid = (SELECT min(rowid) FROM movement_range WHERE run = 2 AND reason = 3);")
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["audit records (Merkle root)"]?.first?.hasPrefix("run \(runs[1]): the movements' Merkle root") == true)
    _ = directory
  }

  /// Each part of a range that holds movements: one row's digest inside the stored digests, the
  /// digest of a trusted line that curated ranges resolve, a repeated source line, a length.
  @Test(arguments: [
    "UPDATE movement_range SET src_digests = zeroblob(16) || substr(src_digests, 17) WHERE rowid = (SELECT max(rowid) FROM movement_range WHERE run = 2 AND rows > 1 AND dst_table = 6)",
    "UPDATE movement_range SET src_digests = substr(src_digests, 1, length(src_digests) - 16) || zeroblob(16) WHERE rowid = (SELECT min(rowid) FROM movement_range WHERE run = 2 AND dst_table = 5)",
    "UPDATE movement_range SET src_advance = zeroblob(length(src_advance)) WHERE rowid = (SELECT min(rowid) FROM movement_range WHERE run = 2 AND src_advance IS NOT NULL)",
    "UPDATE movement_range SET dst_line = dst_line + 1 WHERE rowid = (SELECT min(rowid) FROM movement_range WHERE run = 2 AND dst_table = 8)",
  ])
  func anEditedRangeIsDetected(_ edit: String) throws {
    let (directory, workspace, runs) = try Self.workspace()
    try Self.sql(workspace, edit + ";")
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["audit records (Merkle root)"]?.first?.hasPrefix("run \(runs[1]): the movements' Merkle root") == true, "\(failed)")
    _ = directory
  }

  @Test func aDeletedAuditRecordIsDetected() throws {
    let (directory, workspace, runs) = try Self.workspace()
    try Self.sql(workspace, "DELETE FROM movement_range WHERE rowid = (SELECT max(rowid) FROM movement_range WHERE run = 1);")
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["audit records (Merkle root)"]?.first?.contains("run \(runs[0]): the audit log holds") == true)
    _ = directory
  }

  @Test func anEditedOrDeletedEventIsDetected() throws {
    let (directory, workspace, _) = try Self.workspace()
    try Self.sql(workspace, "UPDATE event SET body = '{}' WHERE kind = 'run_committed' AND run = 1;")
    var failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["audit event chain"]?.first?.contains("content does not match its hash (edited)") == true)
    try Self.sql(workspace, "DELETE FROM event WHERE id = 2;")
    failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["audit event chain"]?.contains { $0.contains("an event was removed or reordered") } == true)
    _ = directory
  }

  @Test func editedCountsAreDetected() throws {
    let (directory, workspace, _) = try Self.workspace()
    try Self.sql(workspace, "UPDATE table_count SET admitted = admitted + 1 WHERE run = 2 AND table_code = 4;")
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["conservation (rows in = admitted + excluded + quarantined)"]?.first?.contains("customer_trusted: the audit log's counts differ") == true)
    _ = directory
  }

  @Test func aManifestSwappedWithAnOlderOneIsDetected() throws {
    let (directory, workspace, runs) = try Self.workspace()
    let manifests = workspace.appendingPathComponent("manifests")
    let older = try Data(contentsOf: manifests.appendingPathComponent("\(runs[0]).dsse.json"))
    try older.write(to: manifests.appendingPathComponent("\(runs[1]).dsse.json"))
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    let details = failed["manifest signatures"] ?? []
    #expect(details.contains { $0.contains("differs from the one the audit log recorded") })
    #expect(details.contains { $0.contains("is the manifest of run \(runs[0]) (swapped)") })
    #expect(failed["published files match the signed manifest"] != nil)
    _ = directory
  }

  @Test func aManifestResignedWithAnotherKeyIsDetected() throws {
    let (directory, workspace, runs) = try Self.workspace()
    let url = workspace.appendingPathComponent("manifests/\(runs[1]).dsse.json")
    let envelope = try JSONDecoder().decode(DSSEEnvelope.self, from: Data(contentsOf: url))
    let payload = try #require(Data(base64Encoded: envelope.payload))
    let intruder = SigningKey.generate()
    let forged = DSSE.sign(payload: Array(payload), payloadType: envelope.payloadType, key: intruder)
    try Data(try DSSE.encode(forged)).write(to: url)
    let failed = Self.failed(try Toolkit.verify(VerifyRequest(workspace: workspace)))
    #expect(failed["manifest signatures"]?.contains { $0.contains(intruder.publicKey.keyID) } == true)
    _ = directory
  }

  @Test func verifyingWithSomeoneElsesPublicKeyFails() throws {
    let (directory, workspace, _) = try Self.workspace()
    let other = directory.path("other.pem")
    try SigningKey.generate().publicKey.pem.write(to: other, atomically: true, encoding: .utf8)
    let report = try Toolkit.verify(VerifyRequest(workspace: workspace, publicKey: other))
    #expect(!report.passed)
    #expect(Self.failed(report)["manifest signatures"] != nil)
    let own = try Toolkit.verify(VerifyRequest(workspace: workspace, publicKey: workspace.appendingPathComponent("keys/signing.pub.pem")))
    #expect(own.passed)
  }

  @Test func aTruncatedAuditLogIsDetected() throws {
    let (directory, workspace, _) = try Self.workspace()
    let url = workspace.appendingPathComponent("audit/audit.sqlite")
    let bytes = try Data(contentsOf: url)
    try bytes.prefix(bytes.count / 2).write(to: url)
    do {
      let report = try Toolkit.verify(VerifyRequest(workspace: workspace))
      #expect(!report.passed)
    } catch {
      #expect("\(error)".contains("audit.sqlite"))
    }
    _ = directory
  }
}
