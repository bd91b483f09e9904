public import Foundation
public import StediCore
import StediCuration
public import StediZones

/// What `stedi-audit run` asks for.
public struct RunRequest: Sendable {
  public var landing: URL
  public var workspace: URL
  /// A built-in profile (`strict`, `udacity-rubric`); ignored when `policyFile` is set.
  public var profile: String
  public var policyFile: URL?
  /// Policy text to compile instead (re-curation with a run's recorded policy).
  public var policyText: String?
  /// The key folder (secret pseudonym and signing keys); by default the one `environment`
  /// names (`KeyLocation.defaultFolder(environment:)`), never inside the workspace.
  public var keysDirectory: URL?
  /// Accept a key folder or public key file that group or others can write.
  public var allowInsecureKeys: Bool
  /// Where the default key folder is looked up (`STEDI_AUDIT_KEYS`, `XDG_CONFIG_HOME`, `HOME`);
  /// the CLI passes the process environment. Empty: `keysDirectory` must be given.
  public var environment: [String: String]
  /// Older run directories kept besides the published one.
  public var keepRuns: Int
  /// Seconds to wait for another writer's workspace lock; nil fails at once (exit 75).
  public var lockWait: Double?
  /// Injected write faults (tests of a full disk; `STEDI_AUDIT_FAULT`); nil in production.
  public var faults: WriteFaults?
  /// Where OpenLineage events go besides `WORKSPACE/lineage/openlineage.jsonl`.
  public var openLineage = OpenLineageOptions()
  /// The command the run belongs to (`run`, `withdraw`), for OpenLineage.
  public var command = "run"
  /// The file format of the trusted and curated tables (`--format`); nil: the policy's
  /// `output.format`, else JSON lines.
  public var format: OutputFormat?

  public init(
    landing: URL, workspace: URL, profile: String = Toolkit.defaultProfile, policyFile: URL? = nil,
    keysDirectory: URL? = nil, keepRuns: Int = 1, allowInsecureKeys: Bool = false,
    environment: [String: String] = [:]
  ) {
    self.landing = landing
    self.workspace = workspace
    self.profile = profile
    self.policyFile = policyFile
    self.keysDirectory = keysDirectory
    self.keepRuns = keepRuns
    self.allowInsecureKeys = allowInsecureKeys
    self.environment = environment
  }
}

/// The result of a run.
public struct RunOutcome: Sendable {
  public var summary: RunSummary
  /// The key file made by this run, if the key did not exist yet.
  public var createdKeyFile: URL?
  /// The signing key file made by this run, if it did not exist yet.
  public var createdSigningKeyFile: URL?
  /// The audit chain's head after the run (`sha256:` and 64 hex digits): keep it outside the
  /// workspace and pass it to `verify --expect-head`. Also in `summary.auditHead`.
  public var auditHead: String? { summary.auditHead }
}

/// Progress of a run, for display.
public struct RunProgress: Sendable {
  public var table: String
  public var bytesRead: Int64
  public var bytesTotal: Int64
  public var rows: Int64
}

extension RunProgress {
  /// The curation job's progress handler that reports to `progress`.
  static func forwarding(to progress: (@Sendable (RunProgress) -> Void)?) -> (@Sendable (CurationProgress) -> Void)? {
    guard let progress else { return nil }
    return { event in
      progress(RunProgress(table: event.table.rawValue, bytesRead: event.bytesRead, bytesTotal: event.bytesTotal, rows: event.rows))
    }
  }
}
