public import StediCore

/// One test a row must pass to be admitted into a table: the vocabulary of a `DecisionPlan`.
///
/// Each check yields one reason code when it fails (the row is excluded or quarantined with it).
/// The raw values are part of the plan's interface (`docs/decision-plan.md` defines each one):
/// every engine that carries out a plan, the Swift engine or a generated Spark job, implements
/// exactly these checks.
public enum GuardCheck: String, Hashable, Sendable, Codable, CaseIterable {
  // Decoding (every landing table).
  /// The line is valid UTF-8 and valid JSON.
  case jsonSyntax = "json_syntax"
  /// The JSON is an object with the table's required fields, of the right types, each key once.
  case tableSchema = "table_schema"

  // Customer resolution (customer_trusted; whole groups of one email key).
  /// An exact copy (every known field equal) of an earlier record of the same email key.
  case exactCopy = "exact_copy"
  /// Two or more distinct records of the email key share the greatest update time.
  case tiedLatestUpdate = "tied_latest_update"
  /// A distinct record older than the email key's latest one.
  case olderUpdate = "older_update"
  /// The record's consent field is absent or null.
  case recordWithoutConsent = "record_without_consent"

  // Attribution of readings.
  /// No valid customer record has the accelerometer reading's email key.
  case userUnknown = "user_unknown"
  /// No valid customer record carries the step-trainer reading's serial number.
  case serialUnknown = "serial_unknown"
  /// No customer_curated row carries the serial number.
  case serialNotCurated = "serial_not_curated"
  /// Records of two or more customers carry the serial number.
  case serialShared = "serial_shared"

  // The customer's status (readings; customer_trusted for withdrawal).
  /// The customer withdrew consent (a withdrawal is recorded in the audit log).
  case customerWithdrawn = "customer_withdrawn"
  /// The customer is ambiguous (`tied_latest_update`).
  case customerAmbiguous = "customer_ambiguous"
  /// The customer does not consent (no record that decides the customer has a consent time).
  case customerNotConsented = "customer_not_consented"
  /// The reading's time is before the customer's consent time.
  case beforeConsentTime = "before_consent_time"

  // Curation.
  /// The customer has no accelerometer_trusted row.
  case customerWithoutReadings = "customer_without_readings"
  /// A customer_curated row of the same customer was admitted before.
  case customerAlreadyCurated = "customer_already_curated"
  /// The trusted reading pairs with no reading of the other side of the join.
  case noJoinPartner = "no_join_partner"

  /// The reason code a row gets when it fails this check.
  public var reason: ReasonCode {
    switch self {
    case .jsonSyntax: .malformed
    case .tableSchema: .schemaViolation
    case .exactCopy: .duplicate
    case .tiedLatestUpdate, .customerAmbiguous: .ambiguousCustomer
    case .olderUpdate: .superseded
    case .recordWithoutConsent, .customerNotConsented: .noConsent
    case .userUnknown: .unknownUser
    case .serialUnknown: .unknownSerial
    case .serialNotCurated: .notCurated
    case .serialShared: .ambiguousSerial
    case .customerWithdrawn: .withdrawn
    case .beforeConsentTime: .beforeConsent
    case .customerWithoutReadings: .noReadings
    case .customerAlreadyCurated: .duplicate
    case .noJoinPartner: .noMatch
    }
  }

  /// What the check tests, in one line (the text of `stedi-audit policy plan`).
  public var summary: String {
    switch self {
    case .jsonSyntax: "the line is valid UTF-8 and valid JSON"
    case .tableSchema: "an object with the required fields, of the right types, each key once"
    case .exactCopy: "not an exact copy of an earlier record of the same email key"
    case .tiedLatestUpdate:
      "no other distinct record of the email key shares the greatest update time"
    case .olderUpdate: "the email key's latest record (lastUpdateDate, else registrationDate)"
    case .recordWithoutConsent: "the record's consent field is present and not null"
    case .userUnknown: "a valid customer record has the reading's email key"
    case .serialUnknown: "a valid customer record carries the reading's serial number"
    case .serialNotCurated: "a customer_curated row carries the reading's serial number"
    case .serialShared: "the serial number belongs to exactly one customer"
    case .customerWithdrawn: "the customer has not withdrawn consent"
    case .customerAmbiguous: "the customer's records do not conflict"
    case .customerNotConsented: "the customer consents to research use"
    case .beforeConsentTime: "taken at or after the customer's consent time"
    case .customerWithoutReadings: "the customer has an accelerometer_trusted row"
    case .customerAlreadyCurated: "no customer_curated row of the same customer was admitted before"
    case .noJoinPartner: "pairs with at least one reading of the join's other side"
    }
  }
}
