import StediAuditLog
import StediCore
import StediKeys

extension Verifier {
  /// The Merkle tree of a run's movements, and how many have a field beyond the leaf format.
  func merkleTree(
    _ run: Int64, scanningAll: Bool, visit: (Movement, Digest128?) -> Void = { _, _ in }
  ) throws -> (MerkleTree, Int) {
    var tree = MerkleTree()
    var oversized = 0
    let limit = Int64(UInt32.max)
    try audit.forEachMovement(run: run, scanningAll: scanningAll) { movement, pseudonym in
      visit(movement, pseudonym)
      if movement.sourceFile > limit || movement.sourceLine > limit
        || (movement.destinationFile ?? 0) > limit
        || (movement.destinationLine ?? 0) > limit
      {
        oversized += 1
      }
      movement.withLeaf(pseudonym: pseudonym) { tree.append($0) }
    }
    return (tree, oversized)
  }

  /// What the Merkle check covered: by default the published run; older runs are held by their
  /// signed manifests (signature and chain checks) and the event chain.
  static func commitmentsDetail(_ recomputed: Int, of signed: Int, pruned: Int, all: Bool) -> String
  {
    if all {
      let note =
        pruned > 0
        ? "; \(pruned) pruned runs are held by their signed roots in the manifest and event chains"
        : ""
      return
        "\(recomputed) published runs: movements recomputed to their signed RFC 6962 roots (--all)\(note)"
    }
    let older = max(0, signed - recomputed)
    return
      "published run: movements recomputed to its signed RFC 6962 root; \(older) older signed runs checked by their manifest and event chains and the count of their movements (--all recomputes every run)"
  }
}
