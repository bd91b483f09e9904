/// Where a planned customer's final consent time lies relative to their readings.
enum ConsentMode: UInt8, Hashable, Sendable {
  /// No consent (the consent field is absent or null).
  case none
  /// Consent before the first reading.
  case allAfter
  /// Consent exactly at the first reading's time (the reading is admitted: not before).
  case atFirst
  /// Consent between two readings: the earlier ones are `before_consent`.
  case partial
  /// Consent after the last reading: every reading is `before_consent`.
  case allBefore

  var consents: Bool { self != .none }
}
