public import Foundation

/// What `stedi-audit run` asks for.
public struct RunRequest: Sendable {
  public var landing: URL
  public var workspace: URL
  /// A built-in profile (`strict`, `udacity-rubric`); ignored when `policyFile` is set.
  public var profile: String
  public var policyFile: URL?
  /// Policy text to compile instead (re-curation with a run's recorded policy).
  public var policyText: String?
  /// Where the pseudonym key lives; `WORKSPACE/keys` by default.
  public var keysDirectory: URL?
  /// Older run directories kept besides the published one.
  public var keepRuns: Int
  /// Where OpenLineage events go besides `WORKSPACE/lineage/openlineage.jsonl`.
  public var openLineage = OpenLineageOptions()
  /// The command the run belongs to (`run`, `withdraw`), for OpenLineage.
  public var command = "run"

  public init(
    landing: URL, workspace: URL, profile: String = "strict", policyFile: URL? = nil,
    keysDirectory: URL? = nil, keepRuns: Int = 1
  ) {
    self.landing = landing
    self.workspace = workspace
    self.profile = profile
    self.policyFile = policyFile
    self.keysDirectory = keysDirectory
    self.keepRuns = keepRuns
  }
}

/// The result of a run.
public struct RunOutcome: Sendable {
  public var summary: RunSummary
  /// The key file made by this run, if the key did not exist yet.
  public var createdKeyFile: URL?
  /// The signing key file made by this run, if it did not exist yet.
  public var createdSigningKeyFile: URL?
}

/// Progress of a run, for display.
public struct RunProgress: Sendable {
  public var table: String
  public var bytesRead: Int64
  public var bytesTotal: Int64
  public var rows: Int64
}
