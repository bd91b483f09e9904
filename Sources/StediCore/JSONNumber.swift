/// A JSON number that remembers whether it was written as an integer or with a fraction or
/// exponent, so that outputs keep the form of their inputs (`218` stays `218`, `1.0` stays `1.0`).
public enum JSONNumber: Hashable, Sendable {
  case integer(Int64)
  case real(Double)

  /// The value as a `Double`.
  public var doubleValue: Double {
    switch self {
    case .integer(let value): Double(value)
    case .real(let value): value
    }
  }

  /// The JSON text of the number.
  public var jsonText: String {
    switch self {
    case .integer(let value): String(value)
    case .real(let value): value.isFinite ? "\(value)" : "null"
    }
  }
}
