import StediCore

/// Row counts by reason code for one table of the ground truth.
typealias ReasonTally = ReasonCounts

extension ReasonCounts {
  /// The expected counts; `rowsOut` defaults to the admitted rows.
  func expected(rowsOut: Int? = nil) -> ExpectedTableCounts {
    var excluded: [String: Int] = [:]
    var quarantined: [String: Int] = [:]
    for reason in ReasonCode.allCases where self[reason] > 0 {
      switch reason.decision {
      case .admitted: break
      case .excluded: excluded[reason.rawValue] = Int(self[reason])
      case .quarantined: quarantined[reason.rawValue] = Int(self[reason])
      }
    }
    return ExpectedTableCounts(
      rowsIn: Int(total), admitted: Int(self[.admitted]), excluded: excluded, quarantined: quarantined,
      rowsOut: rowsOut ?? Int(self[.admitted]))
  }
}
