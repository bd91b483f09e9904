import StediAuditLog
import StediCore
public import StediSynth

/// Compares a run's summary with the ground truth the generator planted.
public enum GroundTruthCheck {
  /// The differences, one line each (empty when the run matches the truth exactly).
  public static func differences(_ summary: RunSummary, _ truth: GroundTruth) -> [String] {
    guard let profile = SynthProfile(rawValue: summary.policy), let expected = truth.profiles[profile.rawValue] else {
      return ["the ground truth has no profile '\(summary.policy)'"]
    }
    var out: [String] = []
    for table in summary.tables {
      guard let want = expected.tables[table.table] else {
        out.append("\(table.table): missing from the ground truth")
        continue
      }
      func check(_ what: String, _ got: Int64, _ wanted: Int) {
        if got != Int64(wanted) { out.append("\(table.table) \(what): run \(got), truth \(wanted)") }
      }
      check("rows in", table.rowsIn, want.rowsIn)
      check("admitted", table.admitted, want.admitted)
      check("rows out", table.rowsOut, want.rowsOut)
      for reason in Set(table.excluded.keys).union(want.excluded.keys).sorted() {
        check("excluded \(reason)", table.excluded[reason] ?? 0, want.excluded[reason] ?? 0)
      }
      for reason in Set(table.quarantined.keys).union(want.quarantined.keys).sorted() {
        check("quarantined \(reason)", table.quarantined[reason] ?? 0, want.quarantined[reason] ?? 0)
      }
    }
    if let pairs = expected.crossCustomerPairs {
      let found = summary.hazards.first { $0.kind == "cross_customer_join" }?.count ?? 0
      if found != Int64(pairs) { out.append("cross-customer pairs: run \(found), truth \(pairs)") }
    }
    return out
  }
}
