public import Foundation
import StediAuditLog
public import StediCore
import StediZones

/// What `stedi-audit prune` asks for.
public struct PruneRequest: Sendable {
  public var workspace: URL
  /// Runs to keep, the published one included (the others are the newest ones); at least 1.
  public var keep: Int
  /// Seconds to wait for another writer's workspace lock; nil fails at once (exit 75).
  public var lockWait: Double?

  public init(workspace: URL, keep: Int, lockWait: Double? = nil) {
    self.workspace = workspace
    self.keep = keep
    self.lockWait = lockWait
  }
}

/// What `prune` dropped.
public struct PruneOutcome: Sendable, Codable {
  /// Run directories removed.
  public var removedDirectories: [String]
  /// Runs whose movements were dropped from the audit log.
  public var prunedRuns: [String]
  /// Movements dropped.
  public var droppedMovements: Int64
  /// Run directories kept because a reader held them (removed by a later prune).
  public var heldByReaders: [String]
}

extension Toolkit {
  /// `stedi-audit prune`: a retention command. Keeps `keep` runs: the published one and the
  /// newest others (runs that failed do not count); of every older run it removes the directory and the movements in the audit
  /// log. Their run rows, counts, signed manifests and hash-chained events stay, and a
  /// `run_pruned` event records each pruned run's signed Merkle root and movement count, so
  /// `verify` still checks the history by its chains (`verify --all` says which runs were
  /// pruned). A writer: holds the workspace lock; settles interrupted runs first.
  ///
  /// - Warning: pruned movements are gone: `trace` no longer lists the pruned runs' rows.
  public static func prune(
    _ request: PruneRequest, clock: WallClock = .system,
    checkpoint: (@Sendable (RunPipeline.Checkpoint) throws -> Void)? = nil
  ) throws -> PruneOutcome {
    try PathCheck.input(request.workspace, .directory, "workspace")
    let space = Workspace(root: request.workspace)
    guard FileManager.default.fileExists(atPath: space.auditLogURL.path) else {
      throw ToolkitError.noInput(
        "\(space.auditLogURL.path): no audit log (is this a stedi-audit workspace?)")
    }
    let lock = try WorkspaceLock.acquire(space, wait: request.lockWait, startedAt: clock.date())
    defer { withExtendedLifetime(lock) {} }
    let audit = try AuditLog(path: space.auditLogURL)
    for id in try audit.reconcileInterruptedRuns(
      published: space.publishedRunID(), at: clock.epochMilliseconds())
    {
      space.discard(runID: id)
    }
    try checkpoint?(.afterReconcile)
    let runs = try audit.runs()
    let published = space.publishedRunID()
    let candidates = runs.reversed().filter { $0.status != .failed && $0.runID != published }.map(
      \.runID)
    let others = max(0, request.keep - (published == nil ? 0 : 1))
    let kept = Set([published].compactMap { $0 } + candidates.prefix(others))
    let listed =
      (try? FileManager.default.contentsOfDirectory(atPath: space.runsDirectory.path)) ?? []
    let removed = listed.filter { !kept.contains($0) && space.removeUnlessHeld($0) }.sorted()
    try checkpoint?(.pruneAfterDirectories)
    let present = Set(
      (try? FileManager.default.contentsOfDirectory(atPath: space.runsDirectory.path)) ?? [])
    let alreadyPruned = Set(
      try audit.events().filter { $0.type == .runPruned }.compactMap(\.runID))
    var outcome = PruneOutcome(
      removedDirectories: removed, prunedRuns: [], droppedMovements: 0, heldByReaders: [])
    for run in runs where !kept.contains(run.runID) {
      if present.contains(run.runID) {
        // A reader still holds it: its rows stay until a later prune.
        outcome.heldByReaders.append(run.runID)
        continue
      }
      let dropped = try audit.dropMovements(run: run.id)
      outcome.droppedMovements += dropped
      guard run.manifestSHA256 != nil, !alreadyPruned.contains(run.runID) else { continue }
      let commitment = AuditEventRecord.RunPruned(
        manifestSha256: run.manifestSHA256 ?? "", merkleRoot: run.merkleRoot ?? "", movements: run.movements ?? 0)
      try audit.appendEvent(.runPruned(commitment), run: run.id, at: clock.epochMilliseconds())
      outcome.prunedRuns.append(run.runID)
      if outcome.prunedRuns.count == 1 { try checkpoint?(.pruneDuringRows) }
    }
    return outcome
  }
}
