import Foundation
import StediAuditLog
import StediKeys
import StediZones

/// The audit log's event chain as the authority on what was published: `current` must name
/// the chain's latest published run, that run must be present, every manifest must be the one
/// its `manifest_signed` event names, and the chain must contain a head recorded outside the
/// workspace (`--expect-head`).
extension Verifier {
  /// Problems of what is published against the chain (none if it agrees).
  ///
  /// A run after the latest `run_published` event that was signed and did not fail may be
  /// `current`: its publish is in progress, or it was interrupted between the switch of
  /// `current` and its `run_published` event.
  func publishedAgainstChain(_ events: [AuditEvent], runs: [RunRow], published: String?) -> [String] {
    var problems: [String] = []
    for event in events where event.run != nil && event.runID == nil {
      problems.append("event \(event.id) (\(event.kind)) names run #\(event.run ?? 0), which is not in the audit log (its records were deleted)")
    }
    guard let last = events.last(where: { $0.type == .runPublished }) else {
      if let published {
        problems.append("current points at run \(published), but the audit chain records no published run")
      }
      return problems
    }
    guard let latest = last.runID else {
      problems.append("the audit chain's latest published run (#\(last.run ?? 0)) has no run record (deleted); current points at \(published ?? "nothing")")
      return problems
    }
    if published != latest {
      guard isPublishing(published, after: last, events: events, runs: runs) else {
        problems.append("current points at \(published.map { "run \($0)" } ?? "nothing"), but the audit chain's latest published run is \(latest) (rolled back to an older run, or the latest one was removed)")
        return problems + missingFiles(of: latest)
      }
      // Published while this reader started: the reader holds `published`, not `latest`, so a
      // writer after it may already have pruned `latest`'s directory as it should.
      return problems
    }
    return problems + missingFiles(of: latest)
  }

  /// What of a published run is gone from the workspace: its manifest, its directory.
  private func missingFiles(of latest: String) -> [String] {
    var missing: [String] = []
    if !FileManager.default.fileExists(atPath: ManifestWriter.manifestURL(workspace, runID: latest).path) {
      missing.append("its manifest")
    }
    if !FileManager.default.fileExists(atPath: workspace.runDirectory(latest).path) {
      missing.append("its directory runs/\(latest)")
    }
    guard !missing.isEmpty else { return [] }
    return ["the audit chain's latest published run \(latest) is missing \(missing.joined(separator: " and ")) (deleted)"]
  }

  private func isPublishing(_ runID: String?, after last: AuditEvent, events: [AuditEvent], runs: [RunRow]) -> Bool {
    guard let runID, let row = runs.first(where: { $0.runID == runID }),
      row.status == .committed || row.status == .published
    else { return false }
    let own = events.filter { $0.run == row.id }
    return own.contains { $0.type == .manifestSigned && $0.id > last.id } && !own.contains { $0.type == .runFailed }
  }

  /// Problems of manifests against their `manifest_signed` events: the digest of each manifest
  /// file and the key that signed it. Missing files are reported by the signature check.
  func manifestsAgainstChain(_ events: [AuditEvent], runs: [RunRow]) -> [String] {
    var signed: [Int64: AuditEventRecord.ManifestSigned] = [:]
    for event in events where event.type == .manifestSigned {
      guard let run = event.run, case .manifestSigned(let body) = event.record else { continue }
      signed[run] = body
    }
    let trusted = Set(trustedKeys.map(\.keyID))
    var problems: [String] = []
    // As in `manifests`: not runs killed (or still running) before their manifest was recorded.
    for run in runs where run.manifestSHA256 != nil || run.status == .published || run.runID == published {
      let name = "\(run.runID).dsse.json"
      guard let data = try? Data(contentsOf: ManifestWriter.manifestURL(workspace, runID: run.runID)) else { continue }
      let sha = RowDigester.sha256Hex(data)
      guard let event = signed[run.id] else {
        problems.append("run \(run.runID): no manifest_signed event of the audit chain names its manifest \(name)")
        continue
      }
      if event.sha256 != sha {
        problems.append("run \(run.runID): manifest \(name) (sha256 \(sha.prefix(16))…) is not the one its manifest_signed event names (sha256 \(event.sha256.prefix(16))…): re-signed or replaced")
      }
      if let key = event.signingKeyId, !trusted.contains(key) {
        problems.append("run \(run.runID): its manifest_signed event names signing key \(key), which is not the trusted one")
      }
    }
    return problems
  }

  /// Warnings of the chain that are no failure: consent withdrawals recorded after the latest
  /// published run (a `withdraw` whose re-curation did not finish) leave the customers' rows
  /// published.
  func chainWarnings(_ events: [AuditEvent]) -> [String] {
    let published = events.lastIndex { $0.type == .runPublished } ?? -1
    let later = events.suffix(from: published + 1).filter { $0.type == .consentWithdrawn }.count
    guard later > 0 else { return [] }
    return ["\(later) consent withdrawal\(later == 1 ? " was" : "s were") recorded after the latest published run: the published tables may still hold those customers' rows; run 'withdraw' again to re-curate"]
  }

  /// `--expect-head`: the chain contains the head recorded outside the workspace.
  func expectedHeadCheck(_ expected: String, events: [AuditEvent]) -> VerificationReport.Check {
    let name = "audit chain contains the expected head"
    guard let index = events.firstIndex(where: { $0.hash == expected }) else {
      let head = events.last.map { "sha256:\($0.hash.prefix(16))…" } ?? "none"
      return .init(id: .expectedHead, name: name, passed: false, details: [
        "the audit chain does not contain the expected head sha256:\(expected.prefix(16))… (rolled back, truncated or rewritten); its head is \(head)"
      ])
    }
    let after = events.count - 1 - index
    return .init(id: .expectedHead, name: name, passed: true, details: [
      "sha256:\(expected.prefix(16))… is event \(events[index].id) of \(events.count), \(after) event\(after == 1 ? "" : "s") after it"
    ])
  }
}

extension VerificationReport.Check {
  /// This check with more problems: failed, with the problems after any earlier ones.
  func adding(_ problems: [String]) -> Self {
    guard !problems.isEmpty else { return self }
    return .init(id: id, name: name, passed: false, details: (passed ? [] : details) + problems)
  }
}
