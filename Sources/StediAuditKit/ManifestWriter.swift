import Foundation
import StediAuditLog
import StediCore
import StediKeys
import StediManifest
import StediPolicy
import StediZones

/// Writes a run's signed manifest: an in-toto statement about the run's output files, in a DSSE
/// envelope signed with Ed25519, at `WORKSPACE/manifests/<run-id>.dsse.json`.
struct ManifestWriter {
  let audit: AuditLog
  let workspace: Workspace
  let signingKey: SigningKey
  /// Injected write faults (tests).
  var faults: WriteFaults?
  /// Called once the manifest file is written, before its digest is recorded (a checkpoint).
  var afterWrite: (() throws -> Void)?

  init(audit: AuditLog, workspace: Workspace, signingKey: SigningKey) {
    self.audit = audit
    self.workspace = workspace
    self.signingKey = signingKey
  }

  static func manifestsDirectory(_ workspace: Workspace) -> URL {
    workspace.root.appendingPathComponent("manifests")
  }

  static func manifestURL(_ workspace: Workspace, runID: String) -> URL {
    manifestsDirectory(workspace).appendingPathComponent("\(runID).dsse.json")
  }

  /// Builds, signs and writes the manifest; records its digest in the audit log.
  /// Returns the manifest file.
  func write(
    run: Int64, summary: RunSummary, policy: Policy, result: GuardedLayer.Result, eventHash: String,
    at time: Int64
  ) throws -> URL {
    let files = try audit.files(run: run)
    func info(_ file: FileRow) -> RunPredicate.FileInfo {
      RunPredicate.FileInfo(
        auditFileId: file.id, zone: file.zone.rawValue, table: file.table.rawValue, path: file.path,
        sha256: file.sha256 ?? "", bytes: file.bytes ?? 0, rows: file.rows ?? 0)
    }
    let inputs = files.filter { $0.zone == .landing }.map(info)
    let outputs = files.filter { $0.zone != .landing }.map(info)
    let previous = try audit.runs().filter { $0.id < run && $0.manifestSHA256 != nil }.last
    var predicate = RunPredicate(
      runId: summary.runID, tool: .init(name: ToolInfo.name, version: ToolInfo.version),
      startedAt: summary.startedAt, finishedAt: summary.finishedAt,
      policy: .init(
        name: policy.name, sha256: policy.digest, consentField: policy.consentField.rawValue,
        consentApplies: policy.consentApplies.rawValue, emailMatch: policy.emailMatch.rawValue,
        conflicts: policy.conflicts.rawValue,
        stepTrainerRequiresCuratedCustomer: policy.stepTrainerRequiresCuratedCustomer,
        machineLearningJoin: policy.machineLearningJoin.rawValue),
      pseudonymKeyId: summary.pseudonymKeyID, inputs: inputs, outputs: outputs,
      tables: summary.tables.map {
        .init(table: $0.table, rowsIn: $0.rowsIn, admitted: $0.admitted, excluded: $0.excluded,
          quarantined: $0.quarantined, rowsOut: $0.rowsOut)
      },
      hazards: summary.hazards.map { .init(kind: $0.kind, table: $0.table.rawValue, count: $0.count) },
      audit: .init(movements: result.movements, merkleRoot: result.merkleRoot, eventHash: eventHash),
      previousManifest: previous.flatMap { row in row.manifestSHA256.map { .init(runId: row.runID, sha256: $0) } })
    predicate.coercions = summary.coercions
    let statement = RunStatement(
      subject: outputs.map { RunStatement.Subject(name: $0.path, sha256: $0.sha256) }, predicate: predicate)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let payload = Array(try encoder.encode(statement))
    let envelope = DSSE.sign(payload: payload, payloadType: RunStatement.payloadType, key: signingKey)
    let bytes = try DSSE.encode(envelope)
    let url = Self.manifestURL(workspace, runID: summary.runID)
    try faults?.check(url.path)
    do {
      try FileManager.default.createDirectory(at: Self.manifestsDirectory(workspace), withIntermediateDirectories: true)
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      throw ZoneError.io(path: url.path, reason: "cannot write the manifest")
    }
    try afterWrite?()
    let sha = RowDigester.sha256Hex(Data(bytes))
    try audit.setManifest(run, sha256: sha)
    try audit.appendEvent(
      .manifestSigned(.init(sha256: sha, signingKeyId: signingKey.publicKey.keyID)), run: run, at: time)
    return url
  }
}
