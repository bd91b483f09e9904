/// One planned line of `customer_landing`.
struct CustomerLine: Hashable, Sendable {
  /// Where the line goes in the file (sorted, then by `index`).
  var order: Int64
  /// A tie-breaker: the order of creation.
  var index: Int32
  var person: Int32
  /// 0: as registered (`Ana.Lee1@test.com`), 1: lower case, 2: upper case.
  var variant: UInt8
  var serial: Int32
  var form: CustomerLineForm
  var registration: OptionalTime
  var lastUpdate: OptionalTime
  var research: OptionalTime
  var publicShare: OptionalTime
  var friends: OptionalTime
  /// The last four digits of the phone number `801555xxxx`.
  var phone: Int16
  /// Writes `"customerName": null` instead of the name.
  var nameNull: Bool
  /// Writes times as integral floats (`1655564376361.0`).
  var floatTimes: Bool
  /// Adds unknown fields, one of them a nested object.
  var extraFields: Bool

  /// Whether the two records are equal in every known field (absent and null are equal; how a
  /// time or field is spelled does not matter).
  func sameKnownFields(as other: CustomerLine) -> Bool {
    person == other.person && variant == other.variant && serial == other.serial
      && registration.time == other.registration.time
      && lastUpdate.time == other.lastUpdate.time && research.time == other.research.time
      && publicShare.time == other.publicShare.time && friends.time == other.friends.time
      && phone == other.phone && nameNull == other.nameNull
  }

  /// `lastUpdateDate`, else `registrationDate`, else `nil` (minus infinity).
  var effectiveUpdate: Int64? { lastUpdate.time ?? registration.time }
}
