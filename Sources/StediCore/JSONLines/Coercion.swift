/// A documented type-drift rule that a decoder applied to a field of an accepted row
/// (`docs/semantics.md`, "Type drift"). The raw values are part of the interface: run summaries,
/// reports and manifests count coercions under these names.
public enum Coercion: Int, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// A time written with a fraction or exponent whose value is an integer within 64 bits
  /// (`1655564414415.0`), taken as that integer.
  case integralFloat
  /// An identity-only field (`customerName`, `phone`, `birthDay`) written as a number, taken as
  /// the number's text (an integral value as its digits: `8015551212.0` is `"8015551212"`).
  case numberAsString
  /// An optional field written as `null`, taken as absent.
  case nullAsAbsent
  /// A key that names a field only when ASCII case is ignored (`serialnumber`), under the
  /// policy's `input.key_match: case_insensitive`.
  case keyCase

  /// The rule's name: `integral_float`, `number_as_string`, `null_as_absent`, `key_case`.
  public var name: String {
    switch self {
    case .integralFloat: "integral_float"
    case .numberAsString: "number_as_string"
    case .nullAsAbsent: "null_as_absent"
    case .keyCase: "key_case"
    }
  }

  public var description: String { name }

  /// The rule of a name, if it is one.
  public init?(name: String) {
    guard let rule = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = rule
  }
}
