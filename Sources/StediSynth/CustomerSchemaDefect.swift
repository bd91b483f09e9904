/// A customer line that is JSON but not a valid customer: quarantined as `schema_violation`.
enum CustomerSchemaDefect: UInt8, Hashable, Sendable, CaseIterable {
  case emptyEmail
  case missingSerial
  /// `registrationDate` as a string.
  case stringTime
  /// `lastUpdateDate` with a fraction.
  case fractionalTime
  /// `phone` as a boolean (a number is accepted: type drift).
  case booleanPhone
  /// A JSON array instead of an object.
  case notObject
  /// `shareWithResearchAsOfDate` beyond 64 bits.
  case outOfRangeTime

  var plantedName: String {
    switch self {
    case .emptyEmail: "schema_empty_email"
    case .missingSerial: "schema_missing_field"
    case .stringTime: "schema_string_time"
    case .fractionalTime: "schema_fractional_time"
    case .booleanPhone: "schema_wrong_type"
    case .notObject: "schema_not_object"
    case .outOfRangeTime: "schema_out_of_range_time"
    }
  }
}
