extension ReasonCode {
  /// The reason's definition, word for word as in the table "Reason codes" of
  /// `docs/semantics.md` (a test keeps the two equal): the text of `stedi-audit policy plan`.
  public var definition: String {
    switch self {
    case .admitted:
      "The row passed every guard of its table and was written to it."
    case .malformed:
      "The line is not valid UTF-8 or not valid JSON."
    case .schemaViolation:
      "The line is JSON but not an object with the table's required fields, each of the right type and each key once."
    case .noConsent:
      "The customer has not consented to research use: the consent field is absent or null (on the record itself, or on every record that decides a reading's customer)."
    case .beforeConsent:
      "The reading was taken before the customer's consent time (only under `consent.applies: from_consent_time`)."
    case .unknownUser:
      "No valid customer record has the accelerometer reading's email key."
    case .unknownSerial:
      "No valid customer record carries the step-trainer reading's serial number."
    case .ambiguousSerial:
      "Records of two or more customers carry the step-trainer reading's serial number: the reading can't be attributed."
    case .ambiguousCustomer:
      "Two or more distinct records of the customer share the greatest update time: none wins and nothing about the customer is guessed."
    case .duplicate:
      "An exact copy of an earlier record of the same email key (customer_trusted), or a second row of a customer already curated (customer_curated)."
    case .superseded:
      "A distinct record older than the customer's latest record, which wins."
    case .noReadings:
      "A customer_trusted row whose customer has no accelerometer_trusted row."
    case .notCurated:
      "No customer_curated row carries the step-trainer reading's serial number (only under `join.step_trainer_requires_curated_customer`)."
    case .noMatch:
      "A trusted reading that pairs with no reading of the other side of the machine-learning join."
    case .withdrawn:
      "The customer withdrew consent (`stedi-audit withdraw`): none of their rows is admitted while the withdrawal is in the audit log."
    }
  }
}
