/// What `stedi-audit diff` found: how a changed policy and/or new landing data would change the
/// published tables, compared row by row with the workspace's published run. Holds no
/// identities: customers appear only as keyed pseudonyms.
public struct DiffReport: Hashable, Sendable, Codable {
  /// One side of the comparison.
  public struct Side: Hashable, Sendable, Codable {
    /// The published run (baseline only).
    public var runID: String?
    public var policy: String
    public var policySHA256: String
    public var landing: String
  }

  /// Rows that move into or out of a table, by why they were not there before (moved in: the
  /// baseline's reason) or are not there any more (moved out: the candidate's reason).
  /// Besides reason codes: `new_row` (not in the baseline's landing data), `removed_row` (not in
  /// the candidate's), `not_paired` (both readings trusted, but the join pairs them otherwise).
  public struct ReasonRows: Hashable, Sendable, Codable {
    public var reason: String
    public var rows: Int64
  }

  /// One reason's rows (or `admitted`) in both runs.
  public struct ReasonDelta: Hashable, Sendable, Codable {
    public var reason: String
    public var baseline: Int64
    public var candidate: Int64
  }

  /// One trusted or curated table.
  public struct TableDiff: Hashable, Sendable, Codable {
    public var table: String
    /// Rows published (pairs for `machine_learning_curated`).
    public var baselineRows: Int64
    public var candidateRows: Int64
    public var movedIn: [ReasonRows]
    public var movedOut: [ReasonRows]
    /// Every reason with a count in either run, `admitted` first.
    public var reasons: [ReasonDelta]

    public var rowsIn: Int64 { movedIn.reduce(0) { $0 + $1.rows } }
    public var rowsOut: Int64 { movedOut.reduce(0) { $0 + $1.rows } }
    public var isUnchanged: Bool {
      rowsIn == 0 && rowsOut == 0 && reasons.allSatisfy { $0.baseline == $0.candidate }
    }
  }

  /// A privacy hazard (`docs/semantics.md`) in either run: the rows it affects, nil if the
  /// run's policy does not raise it.
  public struct HazardDelta: Hashable, Sendable, Codable {
    public var kind: String
    public var table: String
    public var baseline: Int64?
    public var candidate: Int64?
  }

  /// The customers, by pseudonym, with rows in `machine_learning_curated`.
  public struct CustomerPresence: Hashable, Sendable, Codable {
    public var baselineCustomers: Int
    public var candidateCustomers: Int
    /// Pseudonyms (32 hex digits, under `DiffReport.pseudonymKeyID`), sorted.
    public var gained: [String]
    public var lost: [String]
  }

  public var baseline: Side
  public var candidate: Side
  public var pseudonymKeyID: String
  /// Whether the candidate read other landing files (or other contents) than the baseline.
  public var landingChanged: Bool
  public var tables: [TableDiff]
  public var hazards: [HazardDelta]
  public var machineLearningCustomers: CustomerPresence
  /// What the consent gate compared the candidate with: `baseline` (same landing data),
  /// `current policy on the candidate landing` (a second dry run), or `none` (same policy: it
  /// cannot admit what it excludes).
  public var consentReference: String
  /// Rows the candidate admits that the current policy excludes for consent (`no_consent`,
  /// `before_consent`, `withdrawn`), per table and reason. Non-empty: `diff` exits 1.
  public var consentAdmissions: [TableReasonRows]

  /// Rows of one table and reason.
  public struct TableReasonRows: Hashable, Sendable, Codable {
    public var table: String
    public var reason: String
    public var rows: Int64
  }

  /// The reasons that are consent decisions: admitting such a row is a privacy regression.
  public static let consentReasons: Set<String> = ["no_consent", "before_consent", "withdrawn"]

  public var admitsConsentExcludedRows: Bool { !consentAdmissions.isEmpty }
  public var isUnchanged: Bool {
    tables.allSatisfy(\.isUnchanged) && machineLearningCustomers.gained.isEmpty
      && machineLearningCustomers.lost.isEmpty
  }
}
