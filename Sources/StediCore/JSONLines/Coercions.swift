/// The coercions applied to one row: a set of (rule, field) pairs, in one word.
///
/// Fields are numbered by their decoder (at most 16 per table).
public struct Coercions: Hashable, Sendable {
  /// Bit `rule × 16 + field`.
  public private(set) var bits: UInt64 = 0

  public init() {}

  /// The most fields a table can have.
  public static let maximumFields = 16

  /// Whether no rule was applied.
  @inline(__always)
  public var isEmpty: Bool { bits == 0 }

  /// Records that `rule` was applied to field number `field`.
  @inline(__always)
  public mutating func insert(_ rule: Coercion, field: Int) {
    bits |= 1 << UInt64(rule.rawValue &* Self.maximumFields &+ field)
  }

  /// Whether `rule` was applied to field number `field`.
  public func contains(_ rule: Coercion, field: Int) -> Bool {
    bits & 1 << UInt64(rule.rawValue * Self.maximumFields + field) != 0
  }

  /// Forgets every coercion (for the next row).
  @inline(__always)
  public mutating func removeAll() { bits = 0 }

  /// Calls `body` with the bit index of every (rule, field) pair in the set.
  @inline(__always)
  func forEachIndex(_ body: (Int) -> Void) {
    var remaining = bits
    while remaining != 0 {
      body(remaining.trailingZeroBitCount)
      remaining &= remaining &- 1
    }
  }
}
