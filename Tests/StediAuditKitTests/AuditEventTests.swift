import Foundation
import StediAuditLog
import StediAuditTestSupport
import Testing

/// Audit events are typed: what is appended decodes back to the same record, bodies are the
/// sorted-key JSON the chain hashes, and a body that is not its kind's decodes to nothing.
struct AuditEventTests {
  static let records: [AuditEventRecord] = [
    .runStarted(.init(policySha256: "ab12")),
    .runCommitted(.init(merkleRoot: "cd34", movements: 42)),
    .manifestSigned(.init(sha256: "ef56", signingKeyId: "ed25519:0011")),
    .runPublished,
    .runFailed,
    .runPruned(.init(manifestSha256: "aa", merkleRoot: "bb", movements: 7)),
    .consentWithdrawn(.init(asOf: 1_655_564_376_361, keyId: "hmac:22", pseudonym: "c0ffee")),
  ]

  @Test func everyKindRoundTripsThroughTheChain() throws {
    let directory = TemporaryDirectory()
    let log = try AuditLog(path: directory.path("audit.sqlite"))
    for (index, record) in Self.records.enumerated() {
      try log.appendEvent(record, run: nil, at: Int64(index))
    }
    let events = try log.events()
    #expect(events.map(\.record) == Self.records)
    #expect(events.map(\.type) == Self.records.map(\.kind))
    #expect(Set(events.compactMap(\.type)) == Set(AuditEventKind.allCases))
    for (previous, event) in zip([AuditEvent.genesis] + events.map(\.hash), events) {
      #expect(event.previousHash == previous)
      #expect(event.hash == AuditEvent.hash(previous: previous, runID: nil, at: event.at, kind: event.kind, body: event.body))
    }
  }

  @Test func bodiesAreSortedKeyJSON() throws {
    for record in Self.records {
      let object = try #require(JSONSerialization.jsonObject(with: Data(record.body.utf8)) as? [String: Any])
      // The keys in the order written: every name followed by a colon (values hold none).
      let keys = record.body.matches(of: /"([A-Za-z0-9]+)":/).map { String($0.output.1) }
      #expect(keys == object.keys.sorted(), "\(record.kind): \(record.body)")
    }
    #expect(AuditEventRecord.runCommitted(.init(merkleRoot: "cd34", movements: 42)).body == #"{"merkleRoot":"cd34","movements":42}"#)
  }

  @Test func aBodyOfTheWrongShapeOrAnUnknownKindDecodesToNothing() {
    #expect(AuditEventRecord(kind: "run_committed", body: #"{"merkleRoot":"cd34"}"#) == nil)
    #expect(AuditEventRecord(kind: "manifest_signed", body: "not json") == nil)
    #expect(AuditEventRecord(kind: "run_renamed", body: "{}") == nil)
    // Manifests signed before signing keys had ids still decode.
    #expect(AuditEventRecord(kind: "manifest_signed", body: #"{"sha256":"ef56"}"#)
      == .manifestSigned(.init(sha256: "ef56", signingKeyId: nil)))
  }
}
