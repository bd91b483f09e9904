public import StediCore

/// A policy compiled into what every engine must do, in order: for each output table, the guards
/// a row must pass and the reason code each one yields, the tables that must be complete first,
/// the machine-learning join and the privacy hazards the policy accepts.
///
/// The Swift engine (`PolicyEngine`) carries out a plan; `stedi-audit policy plan --json` prints
/// it, and other engines (DuckDB, Spark) are generated from it. Format: `docs/decision-plan.md`,
/// schema `docs/decision-plan.schema.json`.
///
/// ```swift
/// let plan = DecisionPlan(compiling: try PolicyLoader.builtin("strict"))
/// plan.guards(of: .accelerometerTrusted).map(\.reason)
/// // [malformed, schema_violation, unknown_user, withdrawn, ambiguous_customer, no_consent, before_consent]
/// ```
public struct DecisionPlan: Hashable, Sendable, Codable {
  /// The version of the plan's format (`format` in the JSON).
  public static let currentFormat = 1

  public var format: Int
  /// The policy the plan was compiled from.
  public var policy: Source
  /// How customers are identified and consent is read.
  public var identity: Identity
  /// The landing tables and their fields.
  public var landing: [LandingTable]
  /// The output tables, in an order that respects every table's `after`.
  public var tables: [Table]
  public var joins: [Join]
  /// The privacy hazards the policy accepts; each is counted in every run.
  public var hazards: [Hazard]

  /// The policy a plan was compiled from.
  public struct Source: Hashable, Sendable, Codable {
    public var name: String
    /// SHA-256 of the policy file's bytes (the policy digest of manifests).
    public var sha256: String
    public var description: String
  }

  /// How customers are identified and consent is read.
  public struct Identity: Hashable, Sendable, Codable {
    /// How landing keys name fields (`input.key_match`).
    public var keyMatch: KeyMatch
    /// `case_insensitive`: an email key is the email trimmed of space, tab, CR and LF and
    /// lower-cased; `exact`: the email as written.
    public var emailMatch: EmailMatch
    /// Records of one email key: `latest_update_wins` or `keep_all`.
    public var conflicts: ConflictRule
    /// The time that orders records of one email key, first present field wins.
    public var updateTime: [CustomerTimeField]
    /// The customer field whose presence is consent and whose value is the consent time.
    public var consentField: CustomerTimeField
    public var consentApplies: ConsentApplication
    /// How a step-trainer reading is attributed to customers (always `serial_number`).
    public var stepTrainerCustomer: String
    /// How `customerId` is made from the email key (always `hmac-sha256`).
    public var pseudonym: String
  }

  /// The plan of an output table (nil for a landing table).
  public func table(_ id: TableID) -> Table? { tables.first { $0.table == id } }

  /// The checks of a table's guards, in order.
  public func guards(of id: TableID) -> [GuardCheck] { table(id)?.guards.map(\.check) ?? [] }

  /// Every reason code the plan can yield, `admitted` included, in code order.
  public var reasons: [ReasonCode] {
    let yielded = Set(tables.flatMap { $0.guards.map(\.reason) })
    return ReasonCode.allCases.filter { $0 == .admitted || yielded.contains($0) }
  }
}
