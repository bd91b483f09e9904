// The derived values both renderings show; docs/reports.md names them (`excludedTotal`,
// `quarantinedTotal`, `verification.passed`). The totals are not fields of the JSON report;
// `verification.passed` is (encoded by `VerificationReport`).

extension ComplianceReport.FunnelStage {
  /// Rows excluded for any reason.
  var excludedTotal: Int64 { excluded.values.reduce(0, +) }
  /// Rows quarantined for any reason.
  var quarantinedTotal: Int64 { quarantined.values.reduce(0, +) }
  /// The reasons with their rows, excluded first, each group largest first.
  var reasons: [(reason: String, rows: Int64, quarantined: Bool)] {
    let order = { (a: (key: String, value: Int64), b: (key: String, value: Int64)) in
      a.value != b.value ? a.value > b.value : a.key < b.key
    }
    return excluded.sorted(by: order).map { ($0.key, $0.value, false) }
      + quarantined.sorted(by: order).map { ($0.key, $0.value, true) }
  }
}

extension ComplianceReport {
  /// Whether verification passed (every check).
  var verified: Bool { verification.passed }

  /// Admitted readings over all days: accelerometer, step trainer.
  var readingsTotal: (accelerometer: Int64, stepTrainer: Int64) {
    readingsPerDay.reduce((0, 0)) { ($0.0 + $1.accelerometer, $0.1 + $1.stepTrainer) }
  }
}
