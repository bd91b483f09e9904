public import StediCore

extension DecisionPlan {
  /// A join of two trusted tables into a curated one: one output row for every pair of input
  /// rows whose keys are equal.
  public struct Join: Hashable, Sendable, Codable {
    public var table: TableID
    public var rule: JoinRule
    public var left: TableID
    public var right: TableID
    public var keys: [JoinKey]
  }

  /// A pair of equal values in a join: a column of each side, or `customer` for the customer a
  /// trusted row was attributed to (its email key).
  public struct JoinKey: Hashable, Sendable, Codable {
    public var left: String
    public var right: String
  }

  /// A privacy hazard the policy accepts, counted in every run.
  public struct Hazard: Hashable, Sendable, Codable {
    public var kind: HazardKind
    public var table: TableID
    /// Which output rows it counts.
    public var when: String
    public var description: String
  }
}
