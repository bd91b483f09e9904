/// Customers whose devices run at the same time: their readings share one time grid, so the
/// timestamp-only join pairs them. Different groups never share a timestamp.
struct GroupPlan: Hashable, Sendable {
  var firstPerson: Int32
  var count: Int32
  /// The group's offset within the grid period (unique per group).
  var residue: Int64

  var members: Range<Int> { Int(firstPerson)..<Int(firstPerson + count) }
}
