/// One planned customer (a person): identity, device, readings schedule and quirks.
///
/// Readings lie on the grid of the person's group: slot `s` is at
/// `SynthPlan.time(group:slot:)`. The accelerometer uses slots
/// `startSlot ..< startSlot + slotCount`.
struct Person: Hashable, Sendable {
  var first: UInt16
  var last: UInt16
  var birthYear: UInt16
  var birthMonth: UInt8
  var birthDay: UInt8
  var group: Int32
  var startSlot: Int32
  /// Accelerometer slots; 0 for a customer without readings.
  var slotCount: Int32
  /// Step-trainer readings of a customer without accelerometer readings.
  var stepOnlySlots: Int32
  /// The serial number of the first record.
  var baseSerial: Int32
  /// The serial number on the step-trainer readings.
  var deviceSerial: Int32
  var consent: ConsentMode
  var change: RegistrationChange
  var flags: PersonFlags
}
