/// The generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// Never the system generator, and never the standard library's `random(in:using:)`, whose
/// algorithm may change between Swift versions: the same seed must give the same bytes forever.
struct SynthRandom {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator for one independent `stream` (a table, a group of customers) of `seed`.
  init(seed: UInt64, stream: UInt64) {
    var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ 0x5851_F42D_4C95_7F2D
    s0 = Self.splitMix(&state)
    s1 = Self.splitMix(&state)
    s2 = Self.splitMix(&state)
    s3 = Self.splitMix(&state)
  }

  private static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// A number in `0..<bound` (0 when `bound` ≤ 0), by multiply-high.
  mutating func below(_ bound: Int) -> Int {
    guard bound > 0 else { return 0 }
    return Int(UInt64(bound).multipliedFullWidth(by: next()).high)
  }

  /// A number in `0..<bound` as `Int64`.
  mutating func below64(_ bound: Int64) -> Int64 {
    guard bound > 0 else { return 0 }
    return Int64(UInt64(bound).multipliedFullWidth(by: next()).high)
  }

  /// `true` with probability `probability`.
  mutating func chance(_ probability: Double) -> Bool {
    Double(next() >> 11) * 0x1.0p-53 < probability
  }

  /// A random version-4 UUID, as its two 64-bit halves.
  mutating func uuid() -> UUIDBits {
    let high = (next() & ~0xF000) | 0x4000
    let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    return UUIDBits(high: high, low: low)
  }
}

extension SynthRandom {
  /// A number in `[0, 1)`.
  mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
