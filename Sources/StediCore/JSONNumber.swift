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

  /// The value as an exact integer, if it is one (`1655564376361.0` is; `0.5` is not).
  public var exactInteger: Int64? {
    switch self {
    case .integer(let value):
      return value
    case .real(let value):
      guard value.isFinite, value.rounded(.towardZero) == value,
        value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0
      else { return nil }
      return Int64(value)
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
