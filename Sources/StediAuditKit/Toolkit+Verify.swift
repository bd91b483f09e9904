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

  public init(workspace: URL, publicKey: URL? = nil, keysDirectory: URL? = nil) {
    self.workspace = workspace
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
    try PathCheck.input(request.workspace, .directory, "workspace")
    let workspace = Workspace(root: request.workspace)
    guard FileManager.default.fileExists(atPath: workspace.auditLogURL.path) else {
      throw ToolkitError.noInput("\(workspace.auditLogURL.path): no audit log (is this a stedi-audit workspace?)")
    }
    let key: PublicSigningKey
    let source: String
    if let file = request.publicKey {
      try PathCheck.input(file, .file, "public key")
      guard let text = try? String(contentsOf: file, encoding: .utf8) else {
        throw ToolkitError.noInput("\(file.path): cannot read public key")
      }
      do { key = try PublicSigningKey(pem: text) } catch {
        throw ToolkitError.invalid("\(file.path): not an Ed25519 public key PEM")
      }
      source = "from \(file.path)"
    } else {
      let store = KeyStore(directory: request.keysDirectory ?? workspace.defaultKeysDirectory)
      key = try store.publicKey()
      source = "the workspace's own key \(store.publicKeyURL.path); pass --public-key to check origin"
    }
    let audit = try AuditLog(readingFrom: workspace.auditLogURL)
    return try Verifier(workspace: workspace, audit: audit, trustedKeys: [key]).verify(keySource: source)
  }
}
