/// The first 128 bits of a SHA-256 digest: the row digest kept in the audit log.
///
/// 128 bits keep second-preimage resistance at 2^128 while halving the log's size per row.
public struct Digest128: Hashable, Sendable, CustomStringConvertible {
  public var high: UInt64
  public var low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The 16 bytes, big-endian (the digest's first 16 bytes, in order).
  public var bytes: [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(16)
    for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
    for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
    return out
  }

  /// Reads 16 big-endian bytes.
  public init?(bytes: some Collection<UInt8>) {
    guard bytes.count == 16 else { return nil }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for (index, byte) in bytes.enumerated() {
      if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
    }
    self.init(high: high, low: low)
  }

  public var description: String { Hex.encode(bytes) }
}
