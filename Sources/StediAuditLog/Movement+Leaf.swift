public import StediCore

extension Movement {
  /// The size of a movement's Merkle leaf.
  public static let leafSize = 66

  /// Calls `body` with the movement's Merkle leaf (format v1, all integers big-endian):
  /// `src_file u64 ‖ src_line u64 ‖ src_digest 16 bytes ‖ dst_table u8 ‖ dst_file u64 (0: none) ‖
  /// dst_line u64 (0: none) ‖ reason u8 ‖ pseudonym 16 bytes (zeros: none)`.
  ///
  /// A run's audit commitment is the RFC 6962 tree hash of its movements' leaves in the order
  /// they were recorded (`movement.rowid`).
  public func withLeaf<T>(pseudonym: Digest128?, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    try withUnsafeTemporaryAllocation(byteCount: Self.leafSize, alignment: 8) { leaf in
      leaf.storeBytes(of: UInt64(bitPattern: sourceFile).bigEndian, toByteOffset: 0, as: UInt64.self)
      leaf.storeBytes(of: UInt64(bitPattern: sourceLine).bigEndian, toByteOffset: 8, as: UInt64.self)
      leaf.storeBytes(of: sourceDigest.high.bigEndian, toByteOffset: 16, as: UInt64.self)
      leaf.storeBytes(of: sourceDigest.low.bigEndian, toByteOffset: 24, as: UInt64.self)
      leaf.storeBytes(of: UInt8(destinationTable.code), toByteOffset: 32, as: UInt8.self)
      leaf.storeBytes(of: UInt64(bitPattern: destinationFile ?? 0).bigEndian, toByteOffset: 33, as: UInt64.self)
      leaf.storeBytes(of: UInt64(bitPattern: destinationLine ?? 0).bigEndian, toByteOffset: 41, as: UInt64.self)
      leaf.storeBytes(of: UInt8(reason.code), toByteOffset: 49, as: UInt8.self)
      leaf.storeBytes(of: (pseudonym?.high ?? 0).bigEndian, toByteOffset: 50, as: UInt64.self)
      leaf.storeBytes(of: (pseudonym?.low ?? 0).bigEndian, toByteOffset: 58, as: UInt64.self)
      return try body(UnsafeRawBufferPointer(leaf))
    }
  }
}
