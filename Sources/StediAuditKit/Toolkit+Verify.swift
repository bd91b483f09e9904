public import Foundation
import StediAuditLog
import StediKeys
import StediZones

/// What `stedi-audit verify` asks for.
public struct VerifyRequest: Sendable {
  public var workspace: URL
  /// A PEM public key to trust; by default the workspace's own `keys/signing.pub.pem`.
  public var publicKey: URL?
  public var keysDirectory: URL?
  /// Re-check every run's audit records in full (by default only the published run's; older
  /// runs are checked by their signed manifests and the hash chains).
  public var all: Bool

  public init(workspace: URL, publicKey: URL? = nil, keysDirectory: URL? = nil, all: Bool = false) {
    self.workspace = workspace
    self.all = all
    self.publicKey = publicKey
    self.keysDirectory = keysDirectory
  }
}

extension Toolkit {
  /// `stedi-audit verify`.
  ///
  /// - Throws: `ToolkitError.noInput` if there is no workspace or audit log; `KeyError` if the
  ///   public key can't be read. A failed check is not an error: see `VerificationReport.passed`.
  public static func verify(_ request: VerifyRequest) throws -> VerificationReport {
    try verify(request, snapshot: ReaderSnapshot(Workspace(root: request.workspace)))
  }

  /// Verifies what `snapshot` holds (the run published when the reader started).
  static func verify(_ request: VerifyRequest, snapshot: ReaderSnapshot) throws -> VerificationReport {
    let workspace = snapshot.workspace
    let key: PublicSigningKey
    let source: String
    if let file = request.publicKey {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else {
        throw ToolkitError.noInput("\(file.path): cannot read public key")
      }
      key = try PublicSigningKey(pem: text)
      source = "from \(file.path)"
    } else {
      let store = KeyStore(directory: request.keysDirectory ?? workspace.defaultKeysDirectory)
      key = try store.publicKey()
      source = "the workspace's own key \(store.publicKeyURL.path); pass --public-key to check origin"
    }
    var verifier = Verifier(workspace: workspace, audit: snapshot.audit, trustedKeys: [key])
    verifier.published = snapshot.publishedRunID
    verifier.all = request.all
    verifier.manifestNames = snapshot.manifestNames
    return try verifier.verify(keySource: source)
  }
}
