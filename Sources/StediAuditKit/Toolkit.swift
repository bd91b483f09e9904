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

  /// Loads the policy: a file if given, else a built-in profile.
  static func policy(profile: String, file: URL?) throws -> Policy {
    if let file { return try PolicyLoader.load(contentsOf: file) }
    return try PolicyLoader.builtin(profile)
  }

  /// `stedi-audit run`.
  public static func run(
    _ request: RunRequest, clock: WallClock = .system, logger: Logger,
    progress: (@Sendable (RunProgress) -> Void)? = nil,
    checkpoint: (@Sendable (RunPipeline.Checkpoint) throws -> Void)? = nil
  ) throws -> RunOutcome {
    let policy = try request.policyText.map { try PolicyLoader.compile(text: $0, file: "recorded policy") }
      ?? policy(profile: request.profile, file: request.policyFile)
    let store = KeyStore(directory: request.keysDirectory ?? Workspace(root: request.workspace).defaultKeysDirectory)
    let (key, created) = try store.pseudonymKey(createIfMissing: true)
    let (signingKey, createdSigning) = try store.signingKey(createIfMissing: true)
    var pipeline = RunPipeline(
      landing: request.landing, workspace: request.workspace, policy: policy, pseudonymKey: key,
      signingKey: signingKey, clock: clock, logger: logger)
    pipeline.keepRuns = request.keepRuns
    pipeline.openLineage = request.openLineage
    pipeline.command = request.command
    pipeline.checkpoint = checkpoint
    if let progress {
      pipeline.progress = { event in
        progress(RunProgress(table: event.table.rawValue, bytesRead: event.bytesRead, bytesTotal: event.bytesTotal, rows: event.rows))
      }
    }
    let summary = try pipeline.run()
    return RunOutcome(
      summary: summary, createdKeyFile: created ? store.pseudonymKeyURL : nil,
      createdSigningKeyFile: createdSigning ? store.signingKeyURL : nil)
  }
}
