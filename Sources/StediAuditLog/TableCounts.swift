public import StediCore

/// The counts of one output table in one run: rows in = admitted + excluded + quarantined.
public struct TableCounts: Hashable, Sendable, Codable {
  public var table: TableID
  public var rowsIn: Int64 = 0
  public var admitted: Int64 = 0
  /// Excluded and quarantined rows by reason (admitted rows are counted in `admitted`).
  private var perReason = ReasonCounts()
  /// Rows written (the number of pairs for machine_learning_curated).
  public var rowsOut: Int64 = 0

  public init(table: TableID) { self.table = table }

  /// Excluded and quarantined rows by reason (non-zero counts only).
  public var byReason: [ReasonCode: Int64] {
    var out: [ReasonCode: Int64] = [:]
    for reason in ReasonCode.allCases where reason != .admitted && perReason[reason] > 0 {
      out[reason] = perReason[reason]
    }
    return out
  }

  public var excludedTotal: Int64 {
    byReason.filter { $0.key.decision == .excluded }.values.reduce(0, +)
  }

  public var quarantinedTotal: Int64 {
    byReason.filter { $0.key.decision == .quarantined }.values.reduce(0, +)
  }

  /// Whether rows in = admitted + excluded + quarantined.
  public var isConserved: Bool { rowsIn == admitted + excludedTotal + quarantinedTotal }

  /// Adds `rows` rows of one reason (when reading counts back).
  public mutating func add(_ reason: ReasonCode, rows: Int64) {
    if reason == .admitted { admitted += rows } else { perReason.add(reason, rows) }
  }

  /// Counts one input row's decision.
  public mutating func count(_ reason: ReasonCode) {
    rowsIn += 1
    if reason == .admitted { admitted += 1 } else { perReason.add(reason) }
  }
}
