public import StediCore

extension Movement {
  /// The size of a movement's Merkle leaf: with the 0x00 prefix it fits one SHA-256 block.
  public static let leafSize = 50

  /// Calls `body` with the movement's Merkle leaf (format v1, all integers big-endian):
  /// `src_file u32 ‖ src_line u32 ‖ src_digest 16 bytes ‖ dst_table u8 ‖ dst_file u32 (0: none) ‖
  /// dst_line u32 (0: none) ‖ reason u8 ‖ pseudonym 16 bytes (zeros: none)`.
  ///
  /// A run's audit commitment is the RFC 6962 tree hash of its movements' leaves, in the order
  /// of its ranges (`movement_range.rowid`), each expanded in order (`MovementRange`).
  public func withLeaf<T>(pseudonym: Digest128?, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    try withUnsafeTemporaryAllocation(byteCount: Self.leafSize, alignment: 8) { leaf in
      leaf.storeBytes(of: UInt32(truncatingIfNeeded: sourceFile).bigEndian, toByteOffset: 0, as: UInt32.self)
      leaf.storeBytes(of: UInt32(truncatingIfNeeded: sourceLine).bigEndian, toByteOffset: 4, as: UInt32.self)
      leaf.storeBytes(of: sourceDigest.high.bigEndian, toByteOffset: 8, as: UInt64.self)
      leaf.storeBytes(of: sourceDigest.low.bigEndian, toByteOffset: 16, as: UInt64.self)
      leaf.storeBytes(of: UInt8(destinationTable.code), toByteOffset: 24, as: UInt8.self)
      leaf.storeBytes(of: UInt32(truncatingIfNeeded: destinationFile ?? 0).bigEndian, toByteOffset: 25, as: UInt32.self)
      leaf.storeBytes(of: UInt32(truncatingIfNeeded: destinationLine ?? 0).bigEndian, toByteOffset: 29, as: UInt32.self)
      leaf.storeBytes(of: UInt8(reason.code), toByteOffset: 33, as: UInt8.self)
      leaf.storeBytes(of: (pseudonym?.high ?? 0).bigEndian, toByteOffset: 34, as: UInt64.self)
      leaf.storeBytes(of: (pseudonym?.low ?? 0).bigEndian, toByteOffset: 42, as: UInt64.self)
      return try body(UnsafeRawBufferPointer(leaf))
    }
  }
}
