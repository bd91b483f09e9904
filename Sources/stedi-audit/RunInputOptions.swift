import ArgumentParser
import Foundation
import StediAuditKit

/// What a curating command (`run`, `spark`) reads and where it publishes: landing, workspace and
/// policy, checked alike.
struct RunInputOptions: ParsableArguments {
  @Option(help: "The landing directory (JSON-lines files; Parquet too for run in a build with Parquet).")
  var landing: String

  @Option(help: "The workspace directory (created if missing).")
  var workspace: String

  @Option(help: "A built-in policy profile: strict (default) or udacity-rubric.")
  var profile: String?

  @Option(help: "A policy file (YAML); overrides --profile.")
  var policy: String?

  func validate() throws {
    if profile != nil && policy != nil {
      throw ValidationError("give --profile or --policy, not both")
    }
    if let profile, !Toolkit.profileNames.contains(profile) {
      throw ValidationError("unknown profile '\(profile)' (built in: \(Toolkit.profileNames.joined(separator: ", ")))")
    }
  }

  /// The run these options and the key folder ask for.
  func request(keyFolder: KeyFolderOptions, keepRuns: Int = 1) -> RunRequest {
    RunRequest(
      landing: URL(fileURLWithPath: landing), workspace: URL(fileURLWithPath: workspace),
      profile: profile ?? Toolkit.defaultProfile, policyFile: policy.map { URL(fileURLWithPath: $0) },
      keysDirectory: keyFolder.directory, keepRuns: keepRuns, allowInsecureKeys: keyFolder.allowInsecureKeys,
      environment: keyFolder.environment)
  }
}
