/// Why a row was admitted, excluded or quarantined. The raw values are part of the interface:
/// they appear in the audit log, run summaries and reports.
public enum ReasonCode: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// The row was admitted.
  case admitted
  /// The line is not valid JSON (or not valid UTF-8).
  case malformed
  /// The line is JSON but not an object with the table's required fields and types.
  case schemaViolation = "schema_violation"
  /// The customer has not consented to research use (consent field absent or null).
  case noConsent = "no_consent"
  /// The reading was taken before the customer's consent time.
  case beforeConsent = "before_consent"
  /// The reading's user matches no customer record.
  case unknownUser = "unknown_user"
  /// The reading's serial number matches no customer record.
  case unknownSerial = "unknown_serial"
  /// The serial number belongs to several customers: the reading can't be attributed.
  case ambiguousSerial = "ambiguous_serial"
  /// The customer's records conflict (same email, same last update, different content).
  case ambiguousCustomer = "ambiguous_customer"
  /// An exact copy of an earlier row.
  case duplicate
  /// An older record of a customer who registered again (a later record wins).
  case superseded
  /// A trusted customer without accelerometer readings: not curated.
  case noReadings = "no_readings"
  /// The serial number belongs to no curated customer (udacity-rubric profile).
  case notCurated = "not_curated"
  /// A trusted reading with no counterpart in the machine-learning join.
  case noMatch = "no_match"
  /// The customer withdrew consent.
  case withdrawn

  public var description: String { rawValue }

  /// The decision this reason belongs to.
  public var decision: DecisionKind {
    switch self {
    case .admitted: .admitted
    case .malformed, .schemaViolation: .quarantined
    default: .excluded
    }
  }

  /// A stable small integer, used as a compact key in the audit log.
  public var code: Int {
    switch self {
    case .admitted: 0
    case .malformed: 1
    case .schemaViolation: 2
    case .noConsent: 3
    case .beforeConsent: 4
    case .unknownUser: 5
    case .unknownSerial: 6
    case .ambiguousSerial: 7
    case .ambiguousCustomer: 8
    case .duplicate: 9
    case .superseded: 10
    case .noReadings: 11
    case .notCurated: 12
    case .noMatch: 13
    case .withdrawn: 14
    }
  }

  /// The reason of a `code`, nil for none.
  public init?(code: Int) {
    guard let reason = Self.byCode[code] else { return nil }
    self = reason
  }

  private static let byCode = Dictionary(uniqueKeysWithValues: allCases.map { ($0.code, $0) })

  /// One sentence for reports and the audit log's reference table.
  public var summary: String {
    switch self {
    case .admitted: "admitted by the policy"
    case .malformed: "not valid JSON or not valid UTF-8"
    case .schemaViolation: "a required field is missing or has the wrong type"
    case .noConsent: "the customer has not consented to research use"
    case .beforeConsent: "taken before the customer's consent time"
    case .unknownUser: "the user matches no customer record"
    case .unknownSerial: "the serial number matches no customer record"
    case .ambiguousSerial: "the serial number belongs to several customers"
    case .ambiguousCustomer: "the customer's records conflict"
    case .duplicate: "an exact copy of an earlier row"
    case .superseded: "an older record of a re-registered customer"
    case .noReadings: "a trusted customer without accelerometer readings"
    case .notCurated: "the serial number belongs to no curated customer"
    case .noMatch: "no counterpart in the machine-learning join"
    case .withdrawn: "the customer withdrew consent"
    }
  }
}

/// What happened to a row.
public enum DecisionKind: String, Hashable, Sendable, Codable, CaseIterable {
  case admitted, excluded, quarantined

  public var code: Int {
    switch self {
    case .admitted: 0
    case .excluded: 1
    case .quarantined: 2
    }
  }
}
