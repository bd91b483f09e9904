import Crypto
import StediCore

/// An RFC 6962 Merkle tree hash, computed incrementally: leaves are appended one at a time and
/// memory stays logarithmic in their number.
///
/// `MTH({}) = SHA-256()`, `MTH({d}) = SHA-256(0x00 ‖ d)`, and for n > 1 leaves, with k the largest
/// power of two below n: `MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))`.
public struct MerkleTree: Sendable {
  /// A 32-byte node hash, kept inline (no allocation per node).
  struct Node: Equatable {
    var a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(_ digest: SHA256Digest) {
      (a, b, c, d) = digest.withUnsafeBytes { raw in
        (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
          raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
      }
    }

    var bytes: [UInt8] {
      var copy = self
      return withUnsafeBytes(of: &copy) { Array($0) }
    }
  }

  /// Roots of complete subtrees, largest first, with their leaf counts (powers of two).
  private var stack: [(hash: Node, size: Int)] = []
  /// The number of leaves appended.
  public private(set) var count: Int = 0

  public init() {}

  /// Appends a leaf (its data, not its hash).
  public mutating func append(_ leaf: UnsafeRawBufferPointer) {
    var hasher = SHA256()
    withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
    hasher.update(bufferPointer: leaf)
    var node = (hash: Node(hasher.finalize()), size: 1)
    while let last = stack.last, last.size == node.size {
      stack.removeLast()
      node = (Self.interior(last.hash, node.hash), last.size * 2)
    }
    stack.append(node)
    count += 1
  }

  /// Appends a leaf given as bytes.
  public mutating func append(_ leaf: [UInt8]) { leaf.withUnsafeBytes { append($0) } }

  /// The tree hash of the leaves so far (32 bytes).
  public func root() -> [UInt8] {
    guard var hash = stack.last?.hash else { return Array(SHA256.hash(data: [UInt8]())) }
    for node in stack.dropLast().reversed() { hash = Self.interior(node.hash, hash) }
    return hash.bytes
  }

  /// The root as lower-case hex.
  public func rootHex() -> String { Hex.encode(root()) }

  static func interior(_ left: Node, _ right: Node) -> Node {
    var hasher = SHA256()
    var pair = (UInt8(1), left, right)
    withUnsafeBytes(of: &pair.0) { hasher.update(bufferPointer: $0) }
    withUnsafeBytes(of: &pair.1) { hasher.update(bufferPointer: $0) }
    withUnsafeBytes(of: &pair.2) { hasher.update(bufferPointer: $0) }
    return Node(hasher.finalize())
  }
}
