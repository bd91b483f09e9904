import Foundation
import StediAuditLog
import StediCore
import StediKeys
import StediManifest
import StediZones

/// `stedi-audit verify`: re-checks signatures, file digests, the audit commitment, the event and
/// manifest chains, conservation and the lineage of every curated row.
struct Verifier {
  let workspace: Workspace
  let audit: AuditLog
  let trustedKeys: [PublicSigningKey]
  /// A head recorded outside the workspace (64 hex digits) that the chain must contain.
  var expectedHead: String? = nil
  /// The published run, as the reader resolved it when it started.
  var published: String?
  /// Recompute every published run's Merkle root (`verify --all`); by default only the
  /// published run's, older ones being held by their signed manifests and the hash chains.
  var all = false
  /// The manifest files present, listed before the audit log's snapshot was taken (so that a
  /// run started after it is not taken for an unknown manifest); nil lists them now.
  var manifestNames: Set<String>?

  /// A run's verified manifest.
  struct VerifiedRun {
    var row: RunRow
    var statement: RunStatement
    var fileSHA256: String
  }

  func verify(keySource: String) throws -> VerificationReport {
    var checks: [VerificationReport.Check] = []
    let runs = try audit.runs()
    let events = try audit.events()
    let published = self.published
    checks.append(eventChain(events).adding(publishedAgainstChain(events, runs: runs, published: published)))
    let (verified, signatureCheck, chainCheck) = manifests(runs)
    checks.append(signatureCheck.adding(manifestsAgainstChain(events, runs: runs)))
    checks.append(chainCheck)
    let pruned = Set(events.filter { $0.type == .runPruned }.compactMap(\.runID))
    // In full: the published run (every published run with --all). Older published runs not
    // pruned: the movement count of their ranges against the signed count.
    let older = verified.filter { $0.row.status == .published && !pruned.contains($0.row.runID) && $0.row.runID != published }
    let recomputed = Set([published].compactMap { $0 } + (all ? older.map(\.row.runID) : []))
    let counted = all ? [] : Set(older.map(\.row.runID))
    let current = verified.first { $0.row.runID == published }
    // The published files are hashed on a thread of their own while this one reads the audit log.
    let files = BackgroundResult { [workspace] in
      Self.publishedFiles(workspace: workspace, published: published, run: current)
    }
    // The published run's lineage is checked in the pass that recomputes its Merkle root.
    var lineage = current.map(CuratedLineageCheck.init)
    checks.append(try commitments(
      verified.filter { recomputed.contains($0.row.runID) || counted.contains($0.row.runID) }, events: events,
      counted: counted, of: verified.count, pruned: all ? pruned.count : 0, lineage: &lineage))
    checks.append(try conservation(verified))
    checks.append(files.value())
    checks.append(lineage?.result() ?? CuratedLineageCheck.unavailable())
    if let expectedHead { checks.append(expectedHeadCheck(expectedHead, events: events)) }
    var report = VerificationReport(
      workspace: workspace.root.path, trustedKeys: trustedKeys.map(\.keyID), keySource: keySource,
      publishedRun: published, checks: checks)
    report.auditHead = events.last.map { "sha256:" + $0.hash }
    report.warnings = chainWarnings(events)
    report.expectedHead = expectedHead.map { "sha256:" + $0 }
    return report
  }

  // MARK: event chain

  func eventChain(_ events: [AuditEvent]) -> VerificationReport.Check {
    var problems: [String] = []
    var previous = AuditEvent.genesis
    for event in events {
      if event.previousHash != previous {
        problems.append("event \(event.id) (\(event.kind), run \(event.runID ?? "-")): previous hash does not match event before it (an event was removed or reordered)")
      }
      let recomputed = AuditEvent.hash(previous: event.previousHash, runID: event.runID, at: event.at, kind: event.kind, body: event.body)
      if recomputed != event.hash {
        problems.append("event \(event.id) (\(event.kind), run \(event.runID ?? "-")): content does not match its hash (edited)")
      }
      previous = event.hash
    }
    return .init(id: .eventChain, name: "audit event chain", passed: problems.isEmpty,
      details: problems.isEmpty ? ["\(events.count) events, each hash-linked to the one before"] : problems)
  }

  // MARK: manifests

  func manifests(_ runs: [RunRow]) -> ([VerifiedRun], VerificationReport.Check, VerificationReport.Check) {
    var verified: [VerifiedRun] = []
    var signatureProblems: [String] = []
    var chainProblems: [String] = []
    let directory = ManifestWriter.manifestsDirectory(workspace)
    let present = manifestNames ?? Set((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
    let known = Set(runs.map { "\($0.runID).dsse.json" })
    var expected: Set<String> = []
    var previous: RunStatement? = nil
    var previousSHA: String? = nil
    // Runs that were published, or signed: not the ones killed (or still running) before
    // their manifest was recorded, whose rows were rolled back.
    for run in runs where run.manifestSHA256 != nil || run.status == .published || run.runID == published {
      let name = "\(run.runID).dsse.json"
      expected.insert(name)
      let url = directory.appendingPathComponent(name)
      guard let data = try? Data(contentsOf: url) else {
        signatureProblems.append("run \(run.runID): manifest \(name) is missing")
        continue
      }
      let sha = RowDigester.sha256Hex(data)
      if let recorded = run.manifestSHA256, recorded != sha {
        signatureProblems.append("run \(run.runID): manifest \(name) differs from the one the audit log recorded (sha256 \(sha.prefix(16))…, recorded \(recorded.prefix(16))…)")
      }
      let payload: VerifiedPayload
      do {
        payload = try DSSE.verify(envelopeBytes: Array(data), trusting: trustedKeys, expectedPayloadType: RunStatement.payloadType)
      } catch {
        signatureProblems.append("run \(run.runID): \(name): \(error.errorDescription ?? "\(error)")")
        continue
      }
      guard let statement = try? JSONDecoder().decode(RunStatement.self, from: Data(payload.payload)),
        statement.type == RunStatement.type, statement.predicateType == RunPredicate.type
      else {
        signatureProblems.append("run \(run.runID): \(name): signed payload is not a stedi-audit run statement")
        continue
      }
      if statement.predicate.runId != run.runID {
        signatureProblems.append("run \(run.runID): \(name) is the manifest of run \(statement.predicate.runId) (swapped)")
        continue
      }
      let link = statement.predicate.previousManifest
      if let prior = previous, let priorSHA = previousSHA {
        if link?.runId != prior.predicate.runId || link?.sha256 != priorSHA {
          chainProblems.append("run \(run.runID): previous manifest should be \(prior.predicate.runId) (sha256 \(priorSHA.prefix(16))…), manifest says \(link.map { "\($0.runId) (sha256 \($0.sha256.prefix(16))…)" } ?? "none")")
        }
      } else if let link {
        chainProblems.append("run \(run.runID): first manifest names a previous one (\(link.runId)) that the audit log does not know")
      }
      previous = statement
      previousSHA = sha
      verified.append(VerifiedRun(row: run, statement: statement, fileSHA256: sha))
    }
    // A manifest of a known run that is not expected is a run killed while signing.
    for unknown in present.subtracting(expected).subtracting(known).sorted() where unknown.hasSuffix(".dsse.json") {
      signatureProblems.append("manifests/\(unknown): not a run of the audit log")
    }
    let keys = trustedKeys.map(\.keyID).joined(separator: ", ")
    return (
      verified,
      .init(id: .manifestSignatures, name: "manifest signatures", passed: signatureProblems.isEmpty,
        details: signatureProblems.isEmpty ? ["\(verified.count) manifests, DSSE Ed25519 signatures by \(keys)"] : signatureProblems),
      .init(id: .manifestChain, name: "manifest chain", passed: chainProblems.isEmpty && signatureProblems.isEmpty,
        details: chainProblems.isEmpty ? ["\(verified.count) manifests, each naming the one before"] : chainProblems)
    )
  }

  // MARK: audit commitment

  /// Recomputes the Merkle root of each run not in `counted` (counts the movements of those that
  /// are); feeds the movements of `lineage`'s run to it on the way.
  func commitments(
    _ runs: [VerifiedRun], events: [AuditEvent], counted: Set<String>, of signed: Int, pruned: Int,
    lineage: inout CuratedLineageCheck?
  ) throws -> VerificationReport.Check {
    var problems: [String] = []
    for run in runs {
      let predicate = run.statement.predicate
      if counted.contains(run.row.runID) {
        // The rows of its ranges (one record per range), not its leaves (that is --all).
        let count = try audit.movementCount(run: run.row.id)
        if count != predicate.audit.movements {
          problems.append("run \(run.row.runID): the audit log holds \(count) movements, the manifest signed \(predicate.audit.movements) (records deleted or added)")
        }
        continue
      }
      let traced = lineage?.runID == run.row.runID
      let fresh = lineage
      var (tree, oversized) = try merkleTree(run.row.id, scanningAll: false, visit: { if traced { lineage?.visit($0, $1) } })
      if Int64(tree.count) != predicate.audit.movements {
        // Rows of runs written before the workspace lock may interleave: look at every row.
        if traced { lineage = fresh }
        (tree, oversized) = try merkleTree(run.row.id, scanningAll: true, visit: { if traced { lineage?.visit($0, $1) } })
      }
      if oversized > 0 {
        problems.append("run \(run.row.runID): \(oversized) movements have a file id or line beyond the leaf format's 32 bits")
      }
      if Int64(tree.count) != predicate.audit.movements {
        problems.append("run \(run.row.runID): the audit log holds \(tree.count) movements, the manifest signed \(predicate.audit.movements) (records deleted or added)")
      } else if tree.rootHex() != predicate.audit.merkleRoot {
        problems.append("run \(run.row.runID): the movements' Merkle root \(tree.rootHex().prefix(16))… differs from the signed \(predicate.audit.merkleRoot.prefix(16))… (a record was edited)")
      }
      let committed = events.first { $0.runID == run.row.runID && $0.type == .runCommitted }
      if committed?.hash != predicate.audit.eventHash {
        problems.append("run \(run.row.runID): the signed event hash is not the run's run_committed event in the chain")
      }
    }
    return .init(id: .merkleRoot, name: "audit records (Merkle root)", passed: problems.isEmpty,
      details: problems.isEmpty ? [Self.commitmentsDetail(runs.count - counted.count, of: signed, pruned: pruned, all: all)] : problems)
  }

  // MARK: conservation

  func conservation(_ runs: [VerifiedRun]) throws -> VerificationReport.Check {
    var problems: [String] = []
    for run in runs {
      let stored = Dictionary(uniqueKeysWithValues: try audit.tableCounts(run: run.row.id).map { ($0.table.rawValue, $0) })
      for table in run.statement.predicate.tables {
        if !table.isConserved {
          problems.append("run \(run.row.runID) \(table.table): rows in \(table.rowsIn) != admitted + excluded + quarantined")
        }
        guard let counts = stored[table.table] else {
          problems.append("run \(run.row.runID) \(table.table): no counts in the audit log")
          continue
        }
        let excluded = Dictionary(uniqueKeysWithValues: counts.byReason.filter { $0.key.decision == .excluded }.map { ($0.key.rawValue, $0.value) })
        let quarantined = Dictionary(uniqueKeysWithValues: counts.byReason.filter { $0.key.decision == .quarantined }.map { ($0.key.rawValue, $0.value) })
        if counts.rowsIn != table.rowsIn || counts.admitted != table.admitted || counts.rowsOut != table.rowsOut
          || excluded != table.excluded || quarantined != table.quarantined
        {
          problems.append("run \(run.row.runID) \(table.table): the audit log's counts differ from the signed ones")
        }
      }
    }
    return .init(id: .conservation, name: "conservation (rows in = admitted + excluded + quarantined)", passed: problems.isEmpty,
      details: problems.isEmpty ? ["\(runs.count) runs, every table"] : problems)
  }

  // MARK: published files

  static func publishedFiles(workspace: Workspace, published: String?, run: VerifiedRun?) -> VerificationReport.Check {
    let name = "published files match the signed manifest"
    guard let published else { return .init(id: .publishedFiles, name: name, passed: false, details: ["nothing is published"]) }
    guard let run else {
      return .init(id: .publishedFiles, name: name, passed: false, details: ["published run \(published) has no verified manifest"])
    }
    var problems: [String] = []
    let root = workspace.runDirectory(published)
    var listed: Set<String> = []
    for subject in run.statement.subject {
      listed.insert(subject.name)
      let url = root.appendingPathComponent(subject.name)
      guard let digest = Self.fileSHA256(url) else {
        problems.append("\(subject.name): missing")
        continue
      }
      if digest != subject.digest["sha256"] {
        problems.append("\(subject.name): sha256 \(digest.prefix(16))… differs from the signed \((subject.digest["sha256"] ?? "").prefix(16))… (changed)")
      }
    }
    for zone in ZoneID.published.map(\.rawValue) {
      let base = root.appendingPathComponent(zone)
      let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
      while let url = enumerator?.nextObject() as? URL {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let relative = zone + String(url.path.dropFirst(base.path.count))
        if !listed.contains(relative) { problems.append("\(relative): not listed in the manifest (added)") }
      }
    }
    return .init(id: .publishedFiles, name: name, passed: problems.isEmpty,
      details: problems.isEmpty ? ["\(listed.count) files of run \(published), digests equal, no unlisted file"] : problems)
  }

  /// The SHA-256 of a file, read in large blocks; nil if it can't be read.
  static func fileSHA256(_ url: URL) -> String? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    return try? StreamingSHA256.ofFile(descriptor: handle.fileDescriptor).get().sha256
  }
}

/// A value computed on a thread of its own; `value()` waits for it.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  /// Written once by the worker before it signals `done`, read only after waiting on it.
  private var result: Value?

  init(_ work: @escaping @Sendable () -> Value) {
    DispatchQueue.global().async {
      self.result = work()
      self.done.signal()
    }
  }

  func value() -> Value {
    done.wait()
    done.signal()
    guard let result else { preconditionFailure("signalled without a result") }
    return result
  }
}
