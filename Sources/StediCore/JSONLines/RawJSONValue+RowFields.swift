/// The value rules of the built-in landing schema (`docs/semantics.md`, "Type drift"). A value
/// outside its rule is a `schema_violation` naming the field; a value taken under a drift rule is
/// recorded in `coercions`.
extension RawJSONValue {
  /// A required non-empty string (an email, a serial number): nothing else is accepted, since
  /// these values are join keys.
  @inline(__always)
  /// A required string, shared through `strings` (see `StringInterner`).
  func requiredString<Field: LandingField>(_ field: Field, strings: inout StringInterner) throws(RowError) -> String {
    if case .string(let string) = self, !string.isEmpty { return strings.string(string) }
    return try requiredString(field)
  }

  func requiredString<Field: LandingField>(_ field: Field) throws(RowError) -> String {
    switch self {
    case .string(let string):
      guard !string.isEmpty else {
        throw RowError(.schemaViolation, field: field.name, detail: "expected a non-empty string")
      }
      return string.makeString()
    case .null: throw .null(field.name)
    default: throw .wrongType(field.name, expected: "a string", found: self)
    }
  }

  /// An optional identity-only string (`customerName`, `phone`, `birthDay`): a string, a number
  /// (its text: ``Coercion/numberAsString``) or `null` (absent: ``Coercion/nullAsAbsent``).
  @inline(__always)
  func identityString<Field: LandingField>(
    _ field: Field, coercions: inout Coercions
  ) throws(RowError) -> String? {
    switch self {
    case .string(let string): return string.makeString()
    case .null:
      coercions.insert(.nullAsAbsent, field: field.index)
      return nil
    case .number(let number):
      coercions.insert(.numberAsString, field: field.index)
      if let integral = number.integralValue { return String(integral) }
      return String(decoding: number.bytes, as: UTF8.self)
    default:
      throw .wrongType(field.name, expected: "a string or a number", found: self)
    }
  }

  /// A required time: an integral number within 64 bits; written with a fraction or an exponent
  /// it is ``Coercion/integralFloat``.
  @inline(__always)
  func requiredTime<Field: LandingField>(
    _ field: Field, coercions: inout Coercions
  ) throws(RowError) -> Int64 {
    guard case .number(let number) = self else {
      if case .null = self { throw .null(field.name) }
      throw .wrongType(field.name, expected: "an integral number (a time)", found: self)
    }
    guard let value = number.integralValue else {
      throw RowError(
        .schemaViolation, field: field.name,
        detail: "expected an integral number (a time) within 64 bits")
    }
    if !number.isIntegerLiteral { coercions.insert(.integralFloat, field: field.index) }
    return value
  }

  /// An optional time: as ``requiredTime(_:coercions:)``, or `null` (absent).
  @inline(__always)
  func optionalTime<Field: LandingField>(
    _ field: Field, coercions: inout Coercions
  ) throws(RowError) -> Int64? {
    if case .null = self {
      coercions.insert(.nullAsAbsent, field: field.index)
      return nil
    }
    return try requiredTime(field, coercions: &coercions)
  }

  /// A required number (a measurement), kept in its written form.
  @inline(__always)
  func requiredNumber<Field: LandingField>(_ field: Field) throws(RowError) -> JSONNumber {
    guard case .number(let number) = self else {
      if case .null = self { throw .null(field.name) }
      throw .wrongType(field.name, expected: "a number", found: self)
    }
    guard let value = number.jsonNumber else {
      throw RowError(
        .schemaViolation, field: field.name, detail: "the number is beyond the range of a Double")
    }
    return value
  }
}

extension RowError {
  /// A required field is `null`, which counts as absent.
  static func null(_ field: String) -> RowError {
    RowError(.schemaViolation, field: field, detail: "required field is null (null counts as absent)")
  }

  /// A field has a type its rule does not accept; names the kind found, never the value.
  static func wrongType(_ field: String, expected: String, found value: RawJSONValue) -> RowError {
    RowError(
      .schemaViolation, field: field, detail: "expected \(expected), found \(value.kindDescription)")
  }
}
