import Foundation
import StediAuditLog
import StediAuditTestSupport
import StediCore
import StediKeys
import StediPolicy
import StediZones

/// A workspace, an audit log with one run, and tiny landing rows for driving a guarded layer by
/// hand.
final class LayerBench {
  let directory = TemporaryDirectory("stedi-zones-test")
  let audit: AuditLog
  let policy: Policy
  let pseudonymizer: Pseudonymizer
  private(set) var run: Int64 = 0

  init(profile: String, key: PseudonymKey = .generate()) throws {
    audit = try AuditLog(path: directory.path("audit.sqlite"))
    policy = try PolicyLoader.builtin(profile)
    pseudonymizer = Pseudonymizer(key: key)
  }

  /// Starts a run in the audit log and opens a layer for it.
  func layer(runID: String = "run-1") throws -> GuardedLayer {
    run = try audit.beginRun(RunRecord(
      runID: runID, startedAt: 0, policyName: policy.name, policySHA256: policy.digest,
      toolVersion: "test", pseudonymKeyID: pseudonymizer.keyID))
    return try GuardedLayer(
      runDirectory: directory.path(runID), policy: policy, pseudonymizer: pseudonymizer, audit: audit, run: run)
  }

  static func customer(_ name: String, serial: String, consent: Int?) -> String {
    let share = consent.map { #","shareWithResearchAsOfDate":\#($0)"# } ?? ""
    return #"{"customerName":"\#(name)","email":"\#(name.lowercased())@test.com","phone":"8015550101","birthDay":"1960-01-01","serialNumber":"\#(serial)","registrationDate":50,"lastUpdateDate":100\#(share)}"#
  }

  static func accelerometer(_ name: String, at time: Int) -> String {
    #"{"user":"\#(name.lowercased())@test.com","timestamp":\#(time),"x":1,"y":0,"z":-1}"#
  }

  static func step(_ serial: String, at time: Int) -> String {
    #"{"sensorReadingTime":\#(time),"serialNumber":"\#(serial)","distanceFromObject":10}"#
  }

  /// Landing rows of `lines` from `source` (lines numbered from 1); lines that don't parse are
  /// quarantined through `intake`.
  static func rows<Row: Sendable, Intake: LandingIntake & ~Copyable>(
    _ lines: [String], source: SourceFile, through intake: borrowing Intake,
    decode: (UnsafeRawBufferPointer) -> Result<Row, RowError>
  ) throws -> [GuardedLayer.LandingRow<Row>] {
    var out: [GuardedLayer.LandingRow<Row>] = []
    for (offset, line) in lines.enumerated() {
      let bytes = Array(line.utf8)
      let digest = RowDigester.digest(bytes)
      let number = Int64(offset + 1)
      try bytes.withUnsafeBytes { raw in
        switch decode(raw) {
        case .success(let row): out.append(.init(record: row, source: source, line: number, digest: digest))
        case .failure(let error): try intake.quarantine(error, source: source, line: number, raw: raw, digest: digest)
        }
      }
    }
    return out
  }

  /// Every movement of the run, with its pseudonym.
  func movements() throws -> [(Movement, Digest128?)] {
    var out: [(Movement, Digest128?)] = []
    try audit.forEachMovement(run: run) { out.append(($0, $1)) }
    return out
  }

  func pseudonymBytes(_ name: String) -> Digest128? {
    Hex.decode(pseudonymizer.pseudonym(ofEmailKey: "\(name.lowercased())@test.com")).flatMap { Digest128(bytes: $0) }
  }

  /// The lines of a table's file in run-1 (landing tables: their quarantine file).
  func lines(_ table: TableID) throws -> [String] {
    let zone = table.zone == .landing ? "quarantine" : table.zone.rawValue
    let url = directory.path("run-1/\(zone)/\(table.rawValue)/part-00000.jsonl")
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
  }
}
