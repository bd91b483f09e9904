/// A time field of a planned customer record: absent, `null`, or a number of epoch milliseconds.
enum OptionalTime: Hashable, Sendable {
  case absent
  case null
  case value(Int64)

  /// The time, if there is one (absent and `null` both mean "no value").
  var time: Int64? {
    if case .value(let time) = self { return time }
    return nil
  }
}
