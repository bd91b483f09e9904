public import Foundation
public import Logging
import StediAuditLog
public import StediCore
import StediKeys
import StediPolicy
import StediZones

/// What `stedi-audit diff` asks for.
public struct DiffRequest: Sendable {
  public var workspace: URL
  /// The changed policy: a file, or a built-in profile; neither keeps the published run's.
  public var policyFile: URL?
  public var profile: String?
  /// New landing data; nil keeps the published run's landing directory.
  public var landing: URL?
  /// Where the dry runs write (deleted afterwards); by default the system's temporary folder.
  public var scratch: URL?
  public var keysDirectory: URL?
  public var allowInsecureKeys: Bool
  /// Where the default key folder is looked up; see `RunRequest.environment`.
  public var environment: [String: String]

  public init(
    workspace: URL, policyFile: URL? = nil, profile: String? = nil, landing: URL? = nil,
    keysDirectory: URL? = nil, allowInsecureKeys: Bool = false, environment: [String: String] = [:]
  ) {
    self.workspace = workspace
    self.policyFile = policyFile
    self.profile = profile
    self.landing = landing
    self.keysDirectory = keysDirectory
    self.allowInsecureKeys = allowInsecureKeys
    self.environment = environment
  }
}

extension Toolkit {
  /// `stedi-audit diff`: a dry run of a changed policy and/or new landing data, compared row by
  /// row with the workspace's published run. Publishes nothing and never writes the workspace:
  /// the dry runs go to a scratch folder (mode 0700) that is deleted afterwards, under the
  /// workspace's pseudonym key and its recorded withdrawals, so pseudonyms compare.
  ///
  /// - Throws: `ToolkitError.noInput` if nothing is published; `KeyError` if the key folder does
  ///   not hold the published run's pseudonym key; the errors of `run`.
  public static func diff(
    _ request: DiffRequest, clock: WallClock = .system, logger: Logger,
    progress: (@Sendable (RunProgress) -> Void)? = nil
  ) throws -> DiffReport {
    let snapshot = try ReaderSnapshot(Workspace(root: request.workspace))
    let (runID, current, summary) = try publishedRun(snapshot)
    guard let run = try snapshot.audit.runs().last(where: { $0.runID == runID }) else {
      throw ToolkitError.noInput("\(request.workspace.path): nothing is published")
    }
    let candidatePolicy: Policy =
      if request.policyFile != nil || request.profile != nil {
        try policy(profile: request.profile ?? Toolkit.defaultProfile, file: request.policyFile)
      } else {
        current
      }
    let landing = request.landing ?? URL(fileURLWithPath: summary.landing)
    try PathCheck.input(landing, .directory, "landing directory")
    let access = try KeyAccess.resolve(
      folder: request.keysDirectory, workspace: snapshot.workspace, allowInsecure: request.allowInsecureKeys,
      environment: request.environment)
    let key = try access.secrets.pseudonymKey(createIfMissing: false).0
    guard key.keyID == summary.pseudonymKeyID else {
      throw KeyError.mismatch(
        path: access.secrets.pseudonymKeyURL.path,
        reason: "is pseudonym key \(key.keyID), but the published run uses \(summary.pseudonymKeyID); "
          + "pass --keys with the folder that holds it")
    }
    let withdrawn = Set(try snapshot.audit.withdrawals().filter { $0.keyID == key.keyID }.map(\.pseudonym))
    let baseline = try RunDecisions(audit: snapshot.audit, run: run.id)

    let scratch = try ScratchFolder(in: request.scratch)
    defer { scratch.remove() }
    // Customers are labelled as the published run labels them (its email matching), so their
    // pseudonyms compare and the workspace's withdrawals apply.
    let dryRun = DryRun(
      key: key, rekey: { current.emailKey($0) }, withdrawn: withdrawn, clock: clock, logger: logger, progress: progress)
    let (candidate, candidateHazards) = try dryRun.decisions(candidatePolicy, landing, in: scratch.url.appendingPathComponent("candidate"))
    let landingChanged = candidate.landingFiles != baseline.landingFiles
    let reference: RunDecisions?
    let referenceName: String
    if !landingChanged {
      (reference, referenceName) = (baseline, "baseline")
    } else if candidatePolicy.digest == current.digest {
      (reference, referenceName) = (nil, "none")
    } else {
      logger.info("landing data changed: dry run of the current policy on it, for the consent gate")
      let (currentOnNew, _) = try dryRun.decisions(current, landing, in: scratch.url.appendingPathComponent("reference"))
      (reference, referenceName) = (currentOnNew, "current policy on the candidate landing")
    }
    let comparison = DecisionComparison(before: baseline, after: candidate)
    return DiffReport(
      baseline: .init(runID: runID, policy: current.name, policySHA256: current.digest, landing: summary.landing),
      candidate: .init(runID: nil, policy: candidatePolicy.name, policySHA256: candidatePolicy.digest, landing: landing.path),
      pseudonymKeyID: key.keyID, landingChanged: landingChanged,
      tables: TableID.outputs.map(comparison.tableDiff),
      hazards: hazardDeltas(summary.hazards, candidateHazards), machineLearningCustomers: comparison.customerPresence(),
      consentReference: referenceName,
      consentAdmissions: reference.map { DecisionComparison(before: $0, after: candidate).consentAdmissions() } ?? [])
  }
}

extension Toolkit {
  /// Every hazard of either run, in the baseline's order, then the candidate's.
  static func hazardDeltas(_ baseline: [Hazard], _ candidate: [Hazard]) -> [DiffReport.HazardDelta] {
    var out: [DiffReport.HazardDelta] = []
    for hazard in baseline + candidate where !out.contains(where: { $0.kind == hazard.kind && $0.table == hazard.table.rawValue }) {
      let find = { (list: [Hazard]) in list.first { $0.kind == hazard.kind && $0.table == hazard.table }?.count }
      out.append(.init(kind: hazard.kind, table: hazard.table.rawValue, baseline: find(baseline), candidate: find(candidate)))
    }
    return out
  }
}

/// A run into a scratch workspace that nothing reads but `diff`.
private struct DryRun {
  let key: PseudonymKey
  let rekey: @Sendable (String) -> String
  let withdrawn: Set<String>
  let clock: WallClock
  let logger: Logger
  let progress: (@Sendable (RunProgress) -> Void)?

  /// The dry run's decisions and hazards.
  func decisions(_ policy: Policy, _ landing: URL, in directory: URL) throws -> (RunDecisions, [Hazard]) {
    // A throwaway signing key: the scratch manifest is deleted unread.
    var pipeline = RunPipeline(
      landing: landing, workspace: directory, policy: policy, pseudonymKey: key, signingKey: SigningKey.generate(),
      clock: clock, logger: logger)
    pipeline.withdrawnPseudonyms = withdrawn
    pipeline.pseudonymRekey = rekey
    pipeline.keepRuns = 0
    pipeline.command = "diff"
    pipeline.progress = RunProgress.forwarding(to: progress)
    let summary = try pipeline.run()
    let audit = try AuditLog(readingFrom: Workspace(root: directory).auditLogURL)
    guard let run = try audit.runs().last(where: { $0.runID == summary.runID }) else {
      throw ToolkitError.noInput("\(directory.path): the dry run left no run")
    }
    return (try RunDecisions(audit: audit, run: run.id), summary.hazards)
  }
}

/// A private folder for dry runs, removed when done.
private struct ScratchFolder {
  let url: URL

  init(in parent: URL?) throws {
    let base = parent ?? FileManager.default.temporaryDirectory
    try PathCheck.outputDirectory(base, "scratch folder")
    url = base.appendingPathComponent("stedi-audit-diff-\(String(format: "%08x", UInt32.random(in: .min ... .max)))")
    do {
      try FileManager.default.createDirectory(
        at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw ToolkitError.io("\(url.path): \(Toolkit.fileErrorReason(error))")
    }
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}
