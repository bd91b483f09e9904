import CLibCrypto
import StediCore

/// An RFC 6962 Merkle tree hash, computed incrementally: leaves are appended one at a time and
/// memory stays logarithmic in their number.
///
/// `MTH({}) = SHA-256()`, `MTH({d}) = SHA-256(0x00 ‖ d)`, and for n > 1 leaves, with k the largest
/// power of two below n: `MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))`.
public struct MerkleTree: Sendable {
  /// A 32-byte node hash, kept inline (no allocation per node).
  struct Node: Equatable {
    var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0

    var bytes: [UInt8] {
      var copy = self
      return withUnsafeBytes(of: &copy) { Array($0) }
    }

    /// SHA-256 of an optional prefix byte and up to two buffers.
    static func hash(prefix: Int32, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> Node {
      var node = Node()
      withUnsafeMutableBytes(of: &node) { out in
        csha256(
          prefix, first.baseAddress, first.count, second.baseAddress, second.count,
          out.baseAddress?.assumingMemoryBound(to: UInt8.self))
      }
      return node
    }
  }

  /// Roots of complete subtrees, largest first, with their leaf counts (powers of two).
  private var stack: [(hash: Node, size: Int)] = []
  /// The number of leaves appended.
  public private(set) var count: Int = 0

  public init() {}

  /// Appends a leaf (its data, not its hash).
  public mutating func append(_ leaf: UnsafeRawBufferPointer) {
    var node = (hash: Node.hash(prefix: 0, leaf, UnsafeRawBufferPointer(start: nil, count: 0)), size: 1)
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
    guard var hash = stack.last?.hash else {
      let empty = UnsafeRawBufferPointer(start: nil, count: 0)
      return Node.hash(prefix: -1, empty, empty).bytes
    }
    for node in stack.dropLast().reversed() { hash = Self.interior(node.hash, hash) }
    return hash.bytes
  }

  /// The root as lower-case hex.
  public func rootHex() -> String { Hex.encode(root()) }

  static func interior(_ left: Node, _ right: Node) -> Node {
    var pair = (left, right)
    return withUnsafeBytes(of: &pair) { both in
      Node.hash(prefix: 1, both, UnsafeRawBufferPointer(start: nil, count: 0))
    }
  }
}
