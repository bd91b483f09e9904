/// One planned accelerometer line.
struct AccRow: Hashable, Sendable {
  var slot: Int32
  /// The customer, or -1 for a reading of an unknown user (`ghost`).
  var person: Int32
  /// For an unknown user: the number in their email.
  var ghost: Int32
  /// The email variant used as `user` (see `CustomerLine.variant`).
  var variant: UInt8
  var x: Int8
  var y: Int8
  var z: Int8
  var style: RowStyle
  /// Set when the line must be quarantined.
  var defect: ReadingDefect?
}
