/// A privacy hazard a plan declares: rows a policy admits although they carry a risk, counted in
/// every run's summary and manifest.
public enum HazardKind: String, Hashable, Sendable, Codable, CaseIterable {
  /// A machine-learning row pairing one customer's step-trainer reading with another customer's
  /// accelerometer reading (only a `time_only` join makes them).
  case crossCustomerJoin = "cross_customer_join"

  /// What the hazard counts, in one sentence (run summaries and manifests).
  public var summary: String {
    switch self {
    case .crossCustomerJoin:
      "machine-learning rows pairing one customer's step-trainer reading with another customer's accelerometer reading (timestamp-only join)"
    }
  }
}
