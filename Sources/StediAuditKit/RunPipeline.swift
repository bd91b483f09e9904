public import Foundation
public import Logging
import StediAuditLog
public import StediCore
public import StediCuration
public import StediKeys
public import StediPolicy
public import StediZones

/// The `run` use case: curates a landing directory into a workspace under a policy, with every
/// row movement in the audit log, and publishes the outputs atomically.
public struct RunPipeline: Sendable {
  public var landing: URL
  public var workspace: URL
  public var policy: Policy
  public var pseudonymKey: PseudonymKey
  public var signingKey: SigningKey
  public var clock: WallClock
  public var logger: Logger
  /// Run directories to keep besides the published one.
  public var keepRuns: Int = 1
  public var progress: (@Sendable (CurationProgress) -> Void)?
  /// Called at each checkpoint; a test may throw or end the process there.
  public var checkpoint: (@Sendable (Checkpoint) throws -> Void)?
  /// Fixed run id (tests); by default one is made from the clock and random bits.
  public var runID: String?
  /// The workspace lock, if the caller already holds it (`withdraw`); else the run takes it.
  public var lock: WorkspaceLock?
  /// Seconds to wait for another writer's lock (nil: fail at once with `ZoneError.busy`).
  public var lockWait: Double?
  /// Injected write faults (tests); nil in production.
  public var faults: WriteFaults?
  /// Where OpenLineage events go besides `WORKSPACE/lineage/openlineage.jsonl`
  /// (`docs/openlineage.md`); nil writes the file only.
  public var openLineage = OpenLineageOptions()
  /// The command the run belongs to (`run`, `withdraw`): the parent OpenLineage job's name.
  public var command = "run"
  /// The trusted and curated tables' file format.
  public var format = OutputFormat.jsonl
  /// Another engine's decisions to import instead of the local curation (`stedi-audit spark`).
  var importer: SparkImport?
  /// The pseudonyms of customers who withdrew consent, instead of the workspace's own
  /// withdrawals (a dry run in a scratch workspace on behalf of another workspace: `diff`).
  public var withdrawnPseudonyms: Set<String>?
  /// Re-keys email keys before they are pseudonymised (`Pseudonymizer.rekey`); nil in real runs.
  public var pseudonymRekey: (@Sendable (String) -> String)?

  public init(
    landing: URL, workspace: URL, policy: Policy, pseudonymKey: PseudonymKey, signingKey: SigningKey,
    clock: WallClock = .system, logger: Logger
  ) {
    self.landing = landing
    self.workspace = workspace
    self.policy = policy
    self.pseudonymKey = pseudonymKey
    self.signingKey = signingKey
    self.clock = clock
    self.logger = logger
  }

  /// Runs the pipeline, holding the workspace lock (taken here unless `lock` is given).
  ///
  /// - Throws: `ZoneError.busy` if another writer holds the workspace; `CurationError`
  ///   (missing or unreadable landing data), `ZoneError` (workspace I/O), `AuditLogError`. On
  ///   any error before publishing nothing is published, the run is marked failed and its
  ///   movements are deleted; after publishing, the run stays published.
  public func run() throws -> RunSummary {
    let landingSet = try LandingSet(root: landing)
    let space = Workspace(root: workspace)
    let held = try lock ?? WorkspaceLock.acquire(space, wait: lockWait, startedAt: clock.date())
    return try withExtendedLifetime(held) { try run(landingSet, in: space) }
  }

  private func run(_ landingSet: LandingSet, in space: Workspace) throws -> RunSummary {
    func pass(_ point: Checkpoint) throws { try checkpoint?(point) }
    try space.prepare()
    let audit = try AuditLog(path: space.auditLogURL)
    let failed = try audit.reconcileInterruptedRuns(published: space.publishedRunID(), at: clock.epochMilliseconds())
    for id in failed {
      logger.warning("an earlier run was interrupted; marked failed", metadata: ["run": "\(id)"])
      space.discard(runID: id)
    }
    try pass(.afterReconcile)
    let startedAt = clock.epochMilliseconds()
    let id = runID ?? Self.makeRunID(clock.date())
    let lineage = try OpenLineageRecorder(
      options: openLineage, workspace: space, command: command, runID: id, policy: policy,
      pseudonymKeyID: pseudonymKey.keyID, logger: logger)
    let run = try audit.beginRun(RunRecord(
      runID: id, startedAt: startedAt, policyName: policy.name, policySHA256: policy.digest,
      toolVersion: ToolInfo.version, pseudonymKeyID: pseudonymKey.keyID))
    try audit.appendEvent(.runStarted(.init(policySha256: policy.digest)), run: run, at: startedAt)
    let directory = space.runDirectory(id)
    let started = lineage.start(at: startedAt)
    do {
      try pass(.afterBeginRun)
      try audit.setPolicyText(run, policy.text)
      let withdrawn = try withdrawnPseudonyms
        ?? Set(audit.withdrawals().filter { $0.keyID == pseudonymKey.keyID }.map(\.pseudonym))
      let pseudonymizer = Pseudonymizer(key: pseudonymKey, rekey: pseudonymRekey)
      let job = CurationJob(landing: landingSet, logger: logger, progress: progress)
      let result: GuardedLayer.Result
      if let importer {
        result = try importer.curate(
          directory: directory, audit: audit, run: run, policy: policy, pseudonymizer: pseudonymizer,
          landing: landingSet, withdrawn: withdrawn)
      } else {
        let layer = try GuardedLayer(
          runDirectory: directory, policy: policy, pseudonymizer: pseudonymizer,
          audit: audit, run: run, withdrawn: withdrawn, format: format, faults: faults)
        if let checkpoint { job.phase = { try checkpoint(Checkpoint($0)) } }
        result = try job.run(through: layer)
      }
      try pass(.afterLineage)
      let finishedAt = clock.epochMilliseconds()
      var landingRows: [String: Int64] = [:]
      for table in TableID.landings {
        landingRows[table.rawValue] = result.counts.first { $0.table == table.trusted }?.rowsIn ?? 0
      }
      var summary = RunSummary(
        runID: id, policy: policy.name, policySHA256: policy.digest, pseudonymKeyID: pseudonymKey.keyID,
        toolVersion: ToolInfo.version, startedAt: startedAt, finishedAt: finishedAt,
        landingRows: landingRows, landingFiles: landingSet.files.values.reduce(0) { $0 + $1.count },
        tables: result.counts.map(TableSummary.init), hazards: result.hazards, outputs: result.files,
        workspace: workspace.path, auditLog: space.auditLogURL.path, movements: result.movements)
      summary.landing = landing.path
      summary.readingsPerDay = Self.days(result.accelerometerDays, result.stepTrainerDays)
      summary.readingsPerHour = Self.hours(result.accelerometerDays, result.stepTrainerDays)
      summary.coercions = job.coercionCounts
      summary.merkleRoot = result.merkleRoot
      try audit.finishRun(
        run, status: .committed, finishedAt: finishedAt, counts: result.counts, hazards: result.hazards,
        summaryJSON: try Self.json(summary))
      try pass(.afterCounts)
      try audit.setCommitment(run, merkleRoot: result.merkleRoot, movements: result.movements)
      let eventHash = try audit.appendEvent(
        .runCommitted(.init(merkleRoot: result.merkleRoot, movements: result.movements)), run: run, at: finishedAt)
      try pass(.afterCommitment)
      var writer = ManifestWriter(audit: audit, workspace: space, signingKey: signingKey)
      writer.faults = faults
      writer.afterWrite = { try pass(.afterManifestWritten) }
      let manifest = try writer.write(
        run: run, summary: summary, policy: policy, result: result, eventHash: eventHash, at: finishedAt)
      summary.manifest = manifest.path
      try pass(.beforePublish)
      try space.publish(runID: id, faults: faults)
      try pass(.afterPublish)
      try audit.setStatus(run, .published, summaryJSON: try Self.json(summary))
      try pass(.afterPublishedStatus)
      let head = try audit.appendEvent(.runPublished, run: run, at: clock.epochMilliseconds())
      summary.auditHead = "sha256:" + head
      try pass(.afterPublishedEvent)
      var pruned = 0
      try space.pruneRuns(keep: keepRuns, newestFirst: try audit.runIDsNewestFirst()) { _ in
        pruned += 1
        if pruned == 1 { try pass(.duringPrune) }
      }
      try pass(.afterPrune)
      summary.openLineage = lineage.complete(
        started, summary: summary, manifestSHA256: try? Self.sha256(of: manifest), at: clock.epochMilliseconds())
      return summary
    } catch {
      audit.rollBackOpenTransaction()
      if space.publishedRunID() == id {
        // Published: the outputs are complete and signed; only a later step failed.
        try? audit.setStatus(run, .published)
      } else {
        try? audit.setStatus(run, .failed, finishedAt: clock.epochMilliseconds())
        _ = try? audit.appendEvent(.runFailed, run: run, at: clock.epochMilliseconds())
        _ = try? audit.dropMovements(run: run)
        space.discard(runID: id)
        _ = lineage.fail(started, error: error, at: clock.epochMilliseconds())
      }
      throw error
    }
  }

  static func sha256(of file: URL) throws -> String { RowDigester.sha256Hex(try Data(contentsOf: file)) }

  /// A run id: UTC time to the second and 32 random bits, e.g. `20261129T105025Z-3f9a1c07`.
  static func makeRunID(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
    let stamp = "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
    return "\(stamp)-\(String(format: "%08x", UInt32.random(in: .min ... .max)))"
  }

  static func days(_ accelerometer: DayHistogram, _ step: DayHistogram) -> [DayCount] {
    merged(accelerometer.days, step.days, width: 86_400, format: [.withFullDate]).map {
      DayCount(day: $0.label, accelerometer: $0.accelerometer, stepTrainer: $0.stepTrainer)
    }
  }

  static func hours(_ accelerometer: DayHistogram, _ step: DayHistogram) -> [HourCount] {
    merged(accelerometer.hours, step.hours, width: 3_600, format: [.withFullDate, .withTime, .withColonSeparatorInTime]).map {
      // `2022-06-18T17:00:00` -> `2022-06-18T17:00Z`
      HourCount(hour: String($0.label.prefix(16)) + "Z", accelerometer: $0.accelerometer, stepTrainer: $0.stepTrainer)
    }
  }

  /// Two series of (bucket, count) merged by bucket, labelled with the bucket's start in UTC.
  private static func merged(
    _ accelerometer: [(Int64, Int64)], _ step: [(Int64, Int64)], width: Int64,
    format: ISO8601DateFormatter.Options
  ) -> [(label: String, accelerometer: Int64, stepTrainer: Int64)] {
    var merged: [Int64: (Int64, Int64)] = [:]
    for (bucket, count) in accelerometer { merged[bucket, default: (0, 0)].0 += count }
    for (bucket, count) in step { merged[bucket, default: (0, 0)].1 += count }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = format
    return merged.keys.sorted().map { bucket in
      let date = Date(timeIntervalSince1970: Double(bucket * width))
      return (formatter.string(from: date), merged[bucket]?.0 ?? 0, merged[bucket]?.1 ?? 0)
    }
  }

  static func json(_ summary: RunSummary) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(summary), as: UTF8.self)
  }
}
