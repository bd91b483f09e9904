/// How a planned customer re-registered: a later record with the same email (or, with
/// `PersonFlags.reregEmailCase`, its lower-cased form) and a later `lastUpdateDate`.
enum RegistrationChange: UInt8, Hashable, Sendable {
  /// A single registration.
  case none
  /// Consented first, then withdrew (the later record has no consent).
  case withdraw
  /// Did not consent first, then gave consent.
  case give
  /// Consented both times, with a later consent time the second time.
  case change
  /// Did not consent either time (a new phone number).
  case update
}
