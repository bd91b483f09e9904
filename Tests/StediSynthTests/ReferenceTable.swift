import StediCore
import StediSynth

/// Counts of one output table in the reference.
struct ReferenceTable {
  var reasons: [ReasonCode: Int] = [:]
  var pairs: Int?

  mutating func add(_ reason: ReasonCode) { reasons[reason, default: 0] += 1 }

  /// The counts in the ground truth's form.
  var expected: ExpectedTableCounts {
    var excluded: [String: Int] = [:]
    var quarantined: [String: Int] = [:]
    for (reason, count) in reasons where count > 0 {
      switch reason.decision {
      case .admitted: break
      case .excluded: excluded[reason.rawValue] = count
      case .quarantined: quarantined[reason.rawValue] = count
      }
    }
    let admitted = reasons[.admitted] ?? 0
    return ExpectedTableCounts(
      rowsIn: reasons.values.reduce(0, +), admitted: admitted, excluded: excluded,
      quarantined: quarantined, rowsOut: pairs ?? admitted)
  }
}
