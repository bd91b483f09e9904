import StediCore

/// Row counts by reason code for one table.
struct ReasonTally: Hashable, Sendable {
  private(set) var counts = [Int](repeating: 0, count: ReasonCode.allCases.count)

  mutating func add(_ reason: ReasonCode, _ amount: Int = 1) { counts[reason.code] += amount }

  subscript(reason: ReasonCode) -> Int { counts[reason.code] }

  /// All rows counted.
  var total: Int { counts.reduce(0, +) }

  /// The expected counts; `rowsOut` defaults to the admitted rows.
  func expected(rowsOut: Int? = nil) -> ExpectedTableCounts {
    var excluded: [String: Int] = [:]
    var quarantined: [String: Int] = [:]
    for reason in ReasonCode.allCases where self[reason] > 0 {
      switch reason.decision {
      case .admitted: break
      case .excluded: excluded[reason.rawValue] = self[reason]
      case .quarantined: quarantined[reason.rawValue] = self[reason]
      }
    }
    return ExpectedTableCounts(
      rowsIn: total, admitted: self[.admitted], excluded: excluded, quarantined: quarantined,
      rowsOut: rowsOut ?? self[.admitted])
  }
}
