import Crypto
import StediCore

/// An RFC 6962 Merkle tree hash, computed incrementally: leaves are appended one at a time and
/// memory stays logarithmic in their number.
///
/// `MTH({}) = SHA-256()`, `MTH({d}) = SHA-256(0x00 ‖ d)`, and for n > 1 leaves, with k the largest
/// power of two below n: `MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))`.
public struct MerkleTree: Sendable {
  /// Roots of complete subtrees, largest first, with their leaf counts (powers of two).
  private var stack: [(hash: [UInt8], size: Int)] = []
  /// The number of leaves appended.
  public private(set) var count: Int = 0

  public init() {}

  /// Appends a leaf (its data, not its hash).
  public mutating func append(_ leaf: UnsafeRawBufferPointer) {
    var hasher = SHA256()
    hasher.update(data: [0x00])
    hasher.update(bufferPointer: leaf)
    var node = (hash: Array(hasher.finalize()), size: 1)
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
    return hash
  }

  /// The root as lower-case hex.
  public func rootHex() -> String { Hex.encode(root()) }

  static func interior(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: [0x01])
    hasher.update(data: left)
    hasher.update(data: right)
    return Array(hasher.finalize())
  }
}
