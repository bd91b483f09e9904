import StediCore

/// A reading line that must be quarantined.
enum ReadingDefect: UInt8, Hashable, Sendable, CaseIterable {
  case truncated
  case garbage
  case invalidUTF8
  /// The time as a string.
  case stringTime
  /// An axis (accelerometer) or the distance (step trainer) as a string.
  case stringNumber
  /// A required field left out (`z` or `serialNumber`).
  case missingField
  /// A time with a fraction.
  case fractionalTime
  /// An empty `user` or `serialNumber`.
  case emptyIdentity
  /// A JSON array instead of an object.
  case notObject
  /// A time beyond 64 bits.
  case outOfRangeTime

  /// The quarantine reason code.
  var reason: ReasonCode {
    switch self {
    case .truncated, .garbage, .invalidUTF8: .malformed
    default: .schemaViolation
    }
  }

  var plantedName: String {
    switch self {
    case .truncated: "malformed_truncated"
    case .garbage: "malformed_garbage"
    case .invalidUTF8: "malformed_invalid_utf8"
    case .stringTime: "schema_string_time"
    case .stringNumber: "schema_string_number"
    case .missingField: "schema_missing_field"
    case .fractionalTime: "schema_fractional_time"
    case .emptyIdentity: "schema_empty_identity"
    case .notObject: "schema_not_object"
    case .outOfRangeTime: "schema_out_of_range_time"
    }
  }
}
