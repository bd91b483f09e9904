public import StediCore

extension DecisionPlan {
  /// What an output table is made of and which rows get in.
  public struct Table: Hashable, Sendable, Codable {
    public var table: TableID
    /// The tables whose rows are decided for this one.
    public var inputs: [TableID]
    /// The output tables that must be complete before a row of this one is decided.
    public var after: [TableID]
    /// `row`: each input row on its own; `group`: the rows of one email key together
    /// (customer resolution); `join`: pairs of rows (`joins`).
    public var scope: Scope
    /// The guards, in order: the first that fails decides the row's reason; a row that passes
    /// them all is admitted.
    public var guards: [Guard]
    /// The columns written, in order.
    public var columns: [OutputColumn]
  }

  /// How a table's rows are decided.
  public enum Scope: String, Hashable, Sendable, Codable, CaseIterable {
    case row, group, join
  }

  /// One guard of a table: a check and the reason a row that fails it gets.
  public struct Guard: Hashable, Sendable, Codable {
    public var check: GuardCheck
    public var reason: ReasonCode
    /// `quarantined` (the row goes to the quarantine zone) or `excluded`.
    public var decision: DecisionKind

    public init(_ check: GuardCheck) {
      self.check = check
      reason = check.reason
      decision = check.reason.decision
    }
  }

  /// A landing table and the fields its lines are decoded into.
  public struct LandingTable: Hashable, Sendable, Codable {
    public var table: TableID
    /// The directory it is read from (`customer`, or `customer/landing` if present).
    public var source: String
    public var fields: [Field]
  }

  /// A landing field: `key_string` (a non-empty string), `identity_string` (a string or a
  /// number, taken as its text), `time` (an integral number within 64 bits) or `number` (a
  /// finite double). See `docs/semantics.md`, "Type drift".
  public struct Field: Hashable, Sendable, Codable {
    public var name: String
    public var kind: String
    public var required: Bool
  }
}
