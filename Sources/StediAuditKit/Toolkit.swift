import Foundation
public import Logging
public import StediCore
import StediCuration
import StediKeys
import StediPolicy
import StediZones

/// The use cases of stedi-audit, one function per command. The CLI calls these and renders.
public enum Toolkit {
  /// The names of the built-in policy profiles.
  public static var profileNames: [String] { PolicyLoader.builtinProfileNames }

  /// The file formats of published tables (`--format`): `jsonl`, `parquet`.
  public static var outputFormatNames: [String] { OutputFormat.allCases.map(\.rawValue) }

  /// The profile a command uses when given neither `--profile` nor `--policy`.
  public static var defaultProfile: String { PolicyLoader.defaultProfile }

  /// Loads the policy: a file if given, else a built-in profile.
  static func policy(profile: String, file: URL?) throws -> Policy {
    if let file {
      try PathCheck.input(file, .file, "policy file")
      return try PolicyLoader.load(contentsOf: file)
    }
    return try PolicyLoader.builtin(profile)
  }

  /// `stedi-audit run`: holds the workspace lock (see `WorkspaceLock`) from before the keys are
  /// read or made until the run is published.
  ///
  /// - Throws: `ZoneError.busy` (exit 75) if another writer holds the workspace.
  public static func run(
    _ request: RunRequest, clock: WallClock = .system, logger: Logger,
    progress: (@Sendable (RunProgress) -> Void)? = nil,
    checkpoint: (@Sendable (RunPipeline.Checkpoint) throws -> Void)? = nil
  ) throws -> RunOutcome {
    try run(request, clock: clock, logger: logger, progress: progress, checkpoint: checkpoint, lock: nil)
  }

  static func run(
    _ request: RunRequest, clock: WallClock, logger: Logger,
    progress: (@Sendable (RunProgress) -> Void)?,
    checkpoint: (@Sendable (RunPipeline.Checkpoint) throws -> Void)?, lock: WorkspaceLock?,
    importer: ((PseudonymKey) -> SparkImport)? = nil
  ) throws -> RunOutcome {
    if let format = request.format, !format.isAvailable {
      throw ToolkitError.usage("--format \(format.rawValue): \(ParquetRows.enableHint)")
    }
    try PathCheck.input(request.landing, .directory, "landing directory")
    try PathCheck.outputDirectory(request.workspace, "workspace")
    if let keys = request.keysDirectory { try PathCheck.outputDirectory(keys, "key directory") }
    let policy = try request.policyText.map { try PolicyLoader.compile(text: $0, file: "recorded policy") }
      ?? policy(profile: request.profile, file: request.policyFile)
    let format = request.format ?? policy.outputFormat ?? .jsonl
    guard format.isAvailable else {
      throw ToolkitError.usage("policy \(policy.name): output.format \(format.rawValue): \(ParquetRows.enableHint)")
    }
    _ = try LandingSet(root: request.landing)
    let held = try lock ?? WorkspaceLock.acquire(Workspace(root: request.workspace), wait: request.lockWait, startedAt: clock.date())
    let access = try KeyAccess.resolve(
      folder: request.keysDirectory, workspace: Workspace(root: request.workspace),
      allowInsecure: request.allowInsecureKeys, environment: request.environment)
    let (key, created, signingKey, createdSigning) = try access.runKeys()
    let store = access.secrets
    var pipeline = RunPipeline(
      landing: request.landing, workspace: request.workspace, policy: policy, pseudonymKey: key,
      signingKey: signingKey, clock: clock, logger: logger)
    pipeline.keepRuns = request.keepRuns
    pipeline.openLineage = request.openLineage
    pipeline.command = request.command
    pipeline.checkpoint = checkpoint
    pipeline.lock = held
    pipeline.faults = request.faults
    pipeline.format = format
    pipeline.importer = importer?(key)
    pipeline.progress = RunProgress.forwarding(to: progress)
    let summary = try pipeline.run()
    return RunOutcome(
      summary: summary, createdKeyFile: created ? store.pseudonymKeyURL : nil,
      createdSigningKeyFile: createdSigning ? store.signingKeyURL : nil)
  }
}
