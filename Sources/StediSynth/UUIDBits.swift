/// A UUID as two 64-bit halves; written in the canonical lower-case 8-4-4-4-12 form.
struct UUIDBits: Hashable, Sendable {
  var high: UInt64
  var low: UInt64
}
