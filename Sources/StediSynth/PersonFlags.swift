/// The quirks planted for one customer.
struct PersonFlags: OptionSet, Hashable, Sendable {
  let rawValue: UInt16

  /// An exact copy of a record, later in the file (`duplicate` under `strict`).
  static let duplicate = PersonFlags(rawValue: 1 << 0)
  /// The re-registration uses a new serial number (a new device).
  static let newDevice = PersonFlags(rawValue: 1 << 1)
  /// The re-registration's email is lower-cased (one customer under `strict`, two emails under
  /// `udacity-rubric`).
  static let reregEmailCase = PersonFlags(rawValue: 1 << 2)
  /// A record with the same `lastUpdateDate` as another but different content.
  static let conflict = PersonFlags(rawValue: 1 << 3)
  /// An extra record without `registrationDate` and `lastUpdateDate` (minus infinity).
  static let dateless = PersonFlags(rawValue: 1 << 4)
  /// The records carry the serial number of another customer.
  static let sharedSerial = PersonFlags(rawValue: 1 << 5)
  /// Every record is a schema violation: the readings belong to nobody.
  static let invalidOnly = PersonFlags(rawValue: 1 << 6)
  /// An extra record that is a schema violation (quarantined, no effect on identity).
  static let invalidExtra = PersonFlags(rawValue: 1 << 7)
  /// Some readings use the email in another letter case.
  static let caseVariantReads = PersonFlags(rawValue: 1 << 8)
  /// A step-trainer reading just after the last accelerometer reading.
  static let tailStep = PersonFlags(rawValue: 1 << 9)
}
