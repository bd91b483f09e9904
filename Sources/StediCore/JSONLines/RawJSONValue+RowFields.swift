extension RawJSONValue {
  /// The value of a required non-empty string field.
  @inline(__always)
  func nonEmptyString(field: String) throws(RowError) -> String {
    guard case .string(let string) = self else {
      throw RowError(
        .schemaViolation, field: field, detail: "expected a string, found \(kindDescription)")
    }
    guard !string.isEmpty else {
      throw RowError(.schemaViolation, field: field, detail: "expected a non-empty string")
    }
    return string.makeString()
  }

  /// The value of an optional string field: `nil` for null.
  @inline(__always)
  func optionalString(field: String) throws(RowError) -> String? {
    switch self {
    case .null: return nil
    case .string(let string): return string.makeString()
    default:
      throw RowError(
        .schemaViolation, field: field, detail: "expected a string, found \(kindDescription)")
    }
  }

  /// The value of a required time field: an integral number within 64 bits.
  @inline(__always)
  func time(field: String) throws(RowError) -> Int64 {
    guard case .number(let number) = self else {
      throw RowError(
        .schemaViolation, field: field,
        detail: "expected an integral number (a time), found \(kindDescription)")
    }
    guard let value = number.integralValue else {
      throw RowError(
        .schemaViolation, field: field,
        detail: "expected an integral number (a time) within 64 bits")
    }
    return value
  }

  /// The value of an optional time field: `nil` for null.
  @inline(__always)
  func optionalTime(field: String) throws(RowError) -> Int64? {
    if case .null = self { return nil }
    return try time(field: field)
  }

  /// The value of a required number field, in its written form.
  @inline(__always)
  func number(field: String) throws(RowError) -> JSONNumber {
    guard case .number(let number) = self else {
      throw RowError(
        .schemaViolation, field: field, detail: "expected a number, found \(kindDescription)")
    }
    guard let value = number.jsonNumber else {
      throw RowError(
        .schemaViolation, field: field, detail: "the number is beyond the range of a Double")
    }
    return value
  }
}
