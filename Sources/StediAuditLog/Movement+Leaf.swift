public import StediCore

extension Movement {
  /// The size of a movement's Merkle leaf.
  public static let leafSize = 66

  /// Writes the movement's Merkle leaf (format v1, all integers big-endian):
  /// `src_file u64 ‖ src_line u64 ‖ src_digest 16 bytes ‖ dst_table u8 ‖ dst_file u64 (0: none) ‖
  /// dst_line u64 (0: none) ‖ reason u8 ‖ pseudonym 16 bytes (zeros: none)`.
  ///
  /// A run's audit commitment is the RFC 6962 tree hash of its movements' leaves in the order
  /// they were recorded (`movement.rowid`).
  public func leaf(pseudonym: Digest128?, into buffer: inout [UInt8]) {
    buffer.removeAll(keepingCapacity: true)
    func put(_ value: UInt64) {
      for shift in stride(from: 56, through: 0, by: -8) { buffer.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
    put(UInt64(bitPattern: sourceFile))
    put(UInt64(bitPattern: sourceLine))
    put(sourceDigest.high)
    put(sourceDigest.low)
    buffer.append(UInt8(destinationTable.code))
    put(UInt64(bitPattern: destinationFile ?? 0))
    put(UInt64(bitPattern: destinationLine ?? 0))
    buffer.append(UInt8(reason.code))
    put(pseudonym?.high ?? 0)
    put(pseudonym?.low ?? 0)
  }
}
