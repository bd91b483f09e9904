public import StediAuditLog
public import StediCore
public import StediZones

/// What a run did: per table rows in / admitted / excluded by reason / quarantined / out,
/// the hazards found and the files written. Contains no identities.
public struct RunSummary: Hashable, Sendable, Codable {
  public var runID: String
  public var policy: String
  public var policySHA256: String
  public var pseudonymKeyID: String
  public var toolVersion: String
  public var startedAt: Int64
  public var finishedAt: Int64
  /// Rows read per landing table (non-blank lines).
  public var landingRows: [String: Int64]
  public var landingFiles: Int
  public var tables: [TableSummary]
  public var hazards: [Hazard]
  public var outputs: [GuardedLayer.OutputFile]
  /// Where things are (absolute or as given).
  public var workspace: String
  public var auditLog: String
  public var movements: Int64
  /// Admitted readings per UTC day (`2022-06-18`), for the report's chart.
  public var readingsPerDay: [DayCount] = []
  /// Admitted readings per UTC hour (`2022-06-18T17:00Z`) within about 14 months of the first
  /// one; nil in summaries of earlier versions.
  public var readingsPerHour: [HourCount]?
  /// The landing directory read.
  public var landing: String = ""
  /// Accepted landing rows taken under a type-drift rule, per table, field and rule
  /// (`docs/semantics.md`, "Type drift").
  public var coercions: [CoercionCount] = []
  /// The signed manifest, and the run's audit commitment.
  public var manifest: String?
  public var merkleRoot: String?
  /// The audit chain's head after the run was published (`sha256:` and 64 hex digits): the
  /// hash of its `run_published` event. Not in the summary stored in the audit log, which is
  /// written before that event.
  public var auditHead: String?
  /// How the run's OpenLineage events were written and delivered (not kept in the audit log).
  public var openLineage: OpenLineageSummary?

  /// Whether every table's counts add up.
  public var isConserved: Bool { tables.allSatisfy(\.isConserved) }
}

/// One table of a run summary.
public struct TableSummary: Hashable, Sendable, Codable {
  public var table: String
  public var rowsIn: Int64
  public var admitted: Int64
  public var excluded: [String: Int64]
  public var quarantined: [String: Int64]
  public var rowsOut: Int64

  init(_ counts: TableCounts) {
    table = counts.table.rawValue
    rowsIn = counts.rowsIn
    admitted = counts.admitted
    var excluded: [String: Int64] = [:]
    var quarantined: [String: Int64] = [:]
    for (reason, rows) in counts.byReason where rows > 0 {
      if reason.decision == .quarantined { quarantined[reason.rawValue] = rows } else { excluded[reason.rawValue] = rows }
    }
    self.excluded = excluded
    self.quarantined = quarantined
    rowsOut = counts.rowsOut
  }

  public var excludedTotal: Int64 { excluded.values.reduce(0, +) }
  public var quarantinedTotal: Int64 { quarantined.values.reduce(0, +) }
  public var isConserved: Bool { rowsIn == admitted + excludedTotal + quarantinedTotal }
}

/// Admitted readings of one UTC hour.
public struct HourCount: Hashable, Sendable, Codable {
  /// The hour's start, `2022-06-18T17:00Z`.
  public var hour: String
  public var accelerometer: Int64
  public var stepTrainer: Int64
}

/// Admitted readings of one UTC day.
public struct DayCount: Hashable, Sendable, Codable {
  public var day: String
  public var accelerometer: Int64
  public var stepTrainer: Int64
}
