public import StediCore

/// The expected counts of one output table of one profile's run.
///
/// `rowsIn == admitted + Σ excluded + Σ quarantined`; `rowsOut == admitted` except for
/// `machine_learning_curated`, where it is the number of pairs.
public struct ExpectedTableCounts: Hashable, Sendable, Codable {
  /// Rows of the table's input(s).
  public var rowsIn: Int
  /// Input rows admitted.
  public var admitted: Int
  /// Excluded rows by reason code raw value (`no_consent`, …); only non-zero counts.
  public var excluded: [String: Int]
  /// Quarantined rows by reason code raw value (`malformed`, `schema_violation`).
  public var quarantined: [String: Int]
  /// Rows written.
  public var rowsOut: Int

  public init(
    rowsIn: Int, admitted: Int, excluded: [String: Int], quarantined: [String: Int], rowsOut: Int
  ) {
    self.rowsIn = rowsIn
    self.admitted = admitted
    self.excluded = excluded
    self.quarantined = quarantined
    self.rowsOut = rowsOut
  }

  /// The count for one reason (`admitted` included); 0 when absent.
  public func count(_ reason: ReasonCode) -> Int {
    switch reason.decision {
    case .admitted: admitted
    case .excluded: excluded[reason.rawValue] ?? 0
    case .quarantined: quarantined[reason.rawValue] ?? 0
    }
  }

  /// Whether `rowsIn = admitted + excluded + quarantined`.
  public var isConserved: Bool {
    rowsIn == admitted + excluded.values.reduce(0, +) + quarantined.values.reduce(0, +)
  }
}
