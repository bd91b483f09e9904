import Foundation
import StediCore
import StediKeys
import Testing

/// The incremental tree hash equals RFC 6962's recursive definition.
struct MerkleTreeTests {
  /// RFC 6962 section 2.1, written as the recursion.
  static func reference(_ leaves: [[UInt8]]) -> [UInt8] {
    func sha(_ bytes: [UInt8]) -> [UInt8] {
      var hasher = StreamingSHA256()
      bytes.withUnsafeBytes { hasher.update($0) }
      return Hex.decode(hasher.finalizeHex()) ?? []
    }
    if leaves.isEmpty { return sha([]) }
    if leaves.count == 1 { return sha([0x00] + leaves[0]) }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    return sha([0x01] + reference(Array(leaves[..<k])) + reference(Array(leaves[k...])))
  }

  @Test(arguments: [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 100, 257])
  func incrementalRootEqualsTheRecursiveDefinition(_ count: Int) {
    let leaves = (0..<count).map { Array("leaf \($0)".utf8) }
    var tree = MerkleTree()
    for leaf in leaves { tree.append(leaf) }
    #expect(tree.count == count)
    #expect(tree.root() == Self.reference(leaves))
  }

  @Test func emptyTreeIsTheHashOfNothing() {
    #expect(MerkleTree().rootHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func anyChangedOrReorderedLeafChangesTheRoot() {
    let leaves = (0..<10).map { Array("leaf \($0)".utf8) }
    var tree = MerkleTree()
    for leaf in leaves { tree.append(leaf) }
    var swapped = MerkleTree()
    for leaf in [leaves[1], leaves[0]] + leaves[2...] { swapped.append(leaf) }
    var edited = MerkleTree()
    for (index, leaf) in leaves.enumerated() { edited.append(index == 9 ? leaf + [0] : leaf) }
    #expect(tree.root() != swapped.root())
    #expect(tree.root() != edited.root())
  }
}
