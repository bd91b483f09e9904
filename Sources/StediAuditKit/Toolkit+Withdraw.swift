public import Foundation
public import Logging
import StediAuditLog
public import StediCore
import StediKeys
import StediPolicy
import StediZones

/// What `stedi-audit withdraw` asks for.
public struct WithdrawRequest: Sendable {
  public var workspace: URL
  public var email: String
  /// When the withdrawal took effect (epoch ms); by default now.
  public var asOf: Int64?
  public var dryRun: Bool
  /// The key folder; by default the one `environment` names.
  public var keysDirectory: URL?
  public var allowInsecureKeys: Bool
  /// Where the default key folder is looked up; see `RunRequest.environment`.
  public var environment: [String: String]
  /// Seconds to wait for another writer's workspace lock; nil fails at once (exit 75).
  public var lockWait: Double?
  /// Where the re-curation's OpenLineage events go besides the workspace's events file.
  public var openLineage = OpenLineageOptions()

  public init(
    workspace: URL, email: String, asOf: Int64? = nil, dryRun: Bool = false, keysDirectory: URL? = nil,
    allowInsecureKeys: Bool = false, environment: [String: String] = [:]
  ) {
    self.workspace = workspace
    self.email = email
    self.asOf = asOf
    self.dryRun = dryRun
    self.keysDirectory = keysDirectory
    self.allowInsecureKeys = allowInsecureKeys
    self.environment = environment
  }
}

/// The result of `withdraw`.
public struct WithdrawOutcome: Sendable {
  /// The customer's rows in the published tables before the withdrawal.
  public var impact: TraceReport
  /// The pseudonym recorded as withdrawn (under the published run's policy).
  public var pseudonym: String
  /// False if this customer's withdrawal was already recorded.
  public var newlyRecorded: Bool
  /// The re-curation run (nil for a dry run).
  public var run: RunOutcome?
  /// The trace after re-curation (nil for a dry run).
  public var after: TraceReport?
}

extension Toolkit {
  /// `stedi-audit withdraw`: records a consent withdrawal under the customer's pseudonym and
  /// re-curates the published run's landing data with its policy, so that no trusted or curated
  /// table holds the customer's rows any more; the new run is signed like any other.
  ///
  /// - Warning: the landing data still holds the customer's records: every later run keeps
  ///   excluding them (`withdrawn`) as long as the withdrawal is in the audit log.
  ///
  /// Holds the workspace lock from before it records the withdrawal until the re-curation is
  /// published (a dry run takes no lock).
  public static func withdraw(
    _ request: WithdrawRequest, clock: WallClock = .system, logger: Logger,
    checkpoint: (@Sendable (RunPipeline.Checkpoint) throws -> Void)? = nil
  ) throws -> WithdrawOutcome {
    try PathCheck.input(request.workspace, .directory, "workspace")
    if let keys = request.keysDirectory { try PathCheck.input(keys, .directory, "key directory") }
    let workspace = Workspace(root: request.workspace)
    guard FileManager.default.fileExists(atPath: workspace.auditLogURL.path) else {
      throw ToolkitError.noInput(
        "\(workspace.auditLogURL.path): no audit log (is this a stedi-audit workspace?)")
    }
    let insecure = request.allowInsecureKeys
    let access = try KeyAccess.resolve(
      folder: request.keysDirectory, workspace: workspace, allowInsecure: insecure, environment: request.environment)
    let keys = access.secrets.directory
    let key = try access.secrets.pseudonymKey(createIfMissing: false).0
    // A writer: the lock first, so that the published run read below is the one re-curated.
    let lock = request.dryRun ? nil : try WorkspaceLock.acquire(workspace, wait: request.lockWait, startedAt: clock.date())
    let impact = try trace(TraceRequest(
      workspace: request.workspace, email: request.email, keysDirectory: keys, allowInsecureKeys: insecure))
    let (_, policy, summary) = try publishedRun(ReaderSnapshot(workspace))
    let landing = URL(fileURLWithPath: summary.landing)
    // Under the withdrawal key (not the policy's email key): it holds under every later policy.
    let pseudonym = Pseudonymizer(key: key).pseudonym(ofEmailKey: Policy.withdrawalKey(request.email))
    guard !request.dryRun else {
      return WithdrawOutcome(impact: impact, pseudonym: pseudonym, newlyRecorded: false, run: nil, after: nil)
    }
    try checkpoint?(.withdrawBeforeRecord)
    let now = clock.epochMilliseconds()
    let recorded = try AuditLog(path: workspace.auditLogURL).recordWithdrawal(
      Withdrawal(keyID: key.keyID, pseudonym: pseudonym, asOf: request.asOf ?? now, recordedAt: now))
    // keepRuns 0: earlier run directories, which hold the customer's rows, are deleted.
    var run = RunRequest(
      landing: landing, workspace: request.workspace, keysDirectory: keys, keepRuns: 0, allowInsecureKeys: insecure)
    run.policyText = policy.text
    // The re-curation publishes in the format of the run it replaces.
    run.format = summary.outputs.compactMap { OutputFormat(path: $0.path) }.first { $0 != .jsonl } ?? .jsonl
    try checkpoint?(.withdrawAfterRecord)
    run.openLineage = request.openLineage
    run.command = "withdraw"
    let outcome = try Toolkit.run(run, clock: clock, logger: logger, progress: nil, checkpoint: checkpoint, lock: lock)
    try checkpoint?(.withdrawAfterRun)
    let after = try trace(TraceRequest(
      workspace: request.workspace, email: request.email, keysDirectory: keys, allowInsecureKeys: insecure))
    withExtendedLifetime(lock) {}
    return WithdrawOutcome(impact: impact, pseudonym: pseudonym, newlyRecorded: recorded, run: outcome, after: after)
  }

  /// The published run, its policy (as it was run) and its summary.
  static func publishedRun(_ snapshot: ReaderSnapshot) throws -> (runID: String, policy: Policy, summary: RunSummary) {
    let audit = snapshot.audit
    guard let published = snapshot.publishedRunID, let run = try audit.runs().last(where: { $0.runID == published }) else {
      throw ToolkitError.noInput("\(snapshot.workspace.root.path): nothing is published")
    }
    let stored = try audit.stored(run: run.id)
    guard let text = stored.policyText, let json = stored.summaryJSON,
      let summary = try? JSONDecoder().decode(RunSummary.self, from: Data(json.utf8)), !summary.landing.isEmpty
    else { throw ToolkitError.noInput("run \(published) lacks its policy, summary or landing directory") }
    return (published, try PolicyLoader.compile(text: text, file: "policy of run \(published)"), summary)
  }
}
