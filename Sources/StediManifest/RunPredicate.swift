public import StediCore

/// What a stedi-audit run did, as signed in its manifest. Schema: `docs/run-predicate.schema.json`;
/// description: `docs/manifests.md`.
public struct RunPredicate: Codable, Hashable, Sendable {
  public static let type = "https://stedi-audit.dev/attestations/run/v1"

  public var runId: String
  public var tool: Tool
  public var startedAt: Int64
  public var finishedAt: Int64
  public var policy: PolicyInfo
  public var pseudonymKeyId: String
  public var inputs: [FileInfo]
  public var outputs: [FileInfo]
  public var tables: [TableInfo]
  public var hazards: [HazardInfo]
  /// Accepted landing rows taken under a type-drift rule (`docs/semantics.md`), per table,
  /// field and rule; absent in manifests of earlier versions.
  public var coercions: [CoercionCount]?
  public var audit: AuditCommitment
  public var previousManifest: ManifestLink?

  public struct Tool: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    public init(name: String, version: String) {
      self.name = name
      self.version = version
    }
  }

  /// The policy and the settings that decide what verification may expect.
  public struct PolicyInfo: Codable, Hashable, Sendable {
    public var name: String
    public var sha256: String
    public var consentField: String
    public var consentApplies: String
    public var emailMatch: String
    public var conflicts: String
    public var stepTrainerRequiresCuratedCustomer: Bool
    public var machineLearningJoin: String
    public init(
      name: String, sha256: String, consentField: String, consentApplies: String,
      emailMatch: String, conflicts: String, stepTrainerRequiresCuratedCustomer: Bool,
      machineLearningJoin: String
    ) {
      self.name = name
      self.sha256 = sha256
      self.consentField = consentField
      self.consentApplies = consentApplies
      self.emailMatch = emailMatch
      self.conflicts = conflicts
      self.stepTrainerRequiresCuratedCustomer = stepTrainerRequiresCuratedCustomer
      self.machineLearningJoin = machineLearningJoin
    }
  }

  /// A file read or written, with its id in the audit log (the ids the Merkle leaves use).
  public struct FileInfo: Codable, Hashable, Sendable {
    public var auditFileId: Int64
    public var zone: String
    public var table: String
    public var path: String
    public var sha256: String
    public var bytes: Int64
    public var rows: Int64
    public init(auditFileId: Int64, zone: String, table: String, path: String, sha256: String, bytes: Int64, rows: Int64) {
      self.auditFileId = auditFileId
      self.zone = zone
      self.table = table
      self.path = path
      self.sha256 = sha256
      self.bytes = bytes
      self.rows = rows
    }
  }

  /// The conservation law of one output table.
  public struct TableInfo: Codable, Hashable, Sendable {
    public var table: String
    public var rowsIn: Int64
    public var admitted: Int64
    public var excluded: [String: Int64]
    public var quarantined: [String: Int64]
    public var rowsOut: Int64
    public init(table: String, rowsIn: Int64, admitted: Int64, excluded: [String: Int64], quarantined: [String: Int64], rowsOut: Int64) {
      self.table = table
      self.rowsIn = rowsIn
      self.admitted = admitted
      self.excluded = excluded
      self.quarantined = quarantined
      self.rowsOut = rowsOut
    }

    public var isConserved: Bool {
      rowsIn == admitted + excluded.values.reduce(0, +) + quarantined.values.reduce(0, +)
    }
  }

  public struct HazardInfo: Codable, Hashable, Sendable {
    public var kind: String
    public var table: String
    public var count: Int64
    public init(kind: String, table: String, count: Int64) {
      self.kind = kind
      self.table = table
      self.count = count
    }
  }

  /// The commitment to the run's audit records.
  public struct AuditCommitment: Codable, Hashable, Sendable {
    /// The number of movements recorded for the run.
    public var movements: Int64
    /// The RFC 6962 SHA-256 tree hash of the movements' leaves, in the order of their ranges (hex).
    public var merkleRoot: String
    /// `stedi-audit/movement-leaf/v1` (see `audit/README.md`).
    public var leafFormat: String
    /// The hash of the run's `run_committed` event in the audit log's event chain.
    public var eventHash: String
    public init(movements: Int64, merkleRoot: String, eventHash: String) {
      self.movements = movements
      self.merkleRoot = merkleRoot
      leafFormat = "stedi-audit/movement-leaf/v1"
      self.eventHash = eventHash
    }
  }

  /// The previous manifest of the workspace: the chain of runs.
  public struct ManifestLink: Codable, Hashable, Sendable {
    public var runId: String
    /// SHA-256 of the previous manifest file's bytes.
    public var sha256: String
    public init(runId: String, sha256: String) {
      self.runId = runId
      self.sha256 = sha256
    }
  }

  public init(
    runId: String, tool: Tool, startedAt: Int64, finishedAt: Int64, policy: PolicyInfo,
    pseudonymKeyId: String, inputs: [FileInfo], outputs: [FileInfo], tables: [TableInfo],
    hazards: [HazardInfo], audit: AuditCommitment, previousManifest: ManifestLink?
  ) {
    self.runId = runId
    self.tool = tool
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.policy = policy
    self.pseudonymKeyId = pseudonymKeyId
    self.inputs = inputs
    self.outputs = outputs
    self.tables = tables
    self.hazards = hazards
    self.audit = audit
    self.previousManifest = previousManifest
  }
}
