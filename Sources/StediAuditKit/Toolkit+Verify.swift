public import Foundation
import StediAuditLog
import StediKeys
import StediZones

/// What `stedi-audit verify` asks for.
public struct VerifyRequest: Sendable {
  public var workspace: URL
  /// A PEM public key to trust (pinned: the producer's key, kept outside the workspace); by
  /// default the workspace's own `keys/signing.pub.pem`, with a warning.
  public var publicKey: URL?
  /// An audit head recorded outside the workspace (`sha256:` and 64 hex digits, or the hex
  /// alone), e.g. by CI after a run: verification fails unless the chain contains it.
  public var expectHead: String?
  /// Accept a key folder or public key file that group or others can write.
  public var allowInsecureKeys: Bool
  /// Re-check every published run's audit records in full (by default only the published
  /// run's; older runs are checked by their signed manifests, movement counts and the chains).
  public var all: Bool

  public init(
    workspace: URL, publicKey: URL? = nil, expectHead: String? = nil, allowInsecureKeys: Bool = false,
    all: Bool = false
  ) {
    self.workspace = workspace
    self.all = all
    self.publicKey = publicKey
    self.expectHead = expectHead
    self.allowInsecureKeys = allowInsecureKeys
  }
}

extension Toolkit {
  /// `stedi-audit verify`.
  ///
  /// - Throws: `ToolkitError.noInput` if there is no workspace or audit log;
  ///   `ToolkitError.invalid` if `expectHead` is not a digest; `KeyError` if the public key
  ///   can't be read or is writable by others. A failed check is not an error: see
  ///   `VerificationReport.passed`.
  public static func verify(_ request: VerifyRequest) throws -> VerificationReport {
    try PathCheck.input(request.workspace, .directory, "workspace")
    return try verify(request, snapshot: ReaderSnapshot(Workspace(root: request.workspace)))
  }

  /// Verifies what `snapshot` holds (the run published when the reader started).
  static func verify(_ request: VerifyRequest, snapshot: ReaderSnapshot) throws -> VerificationReport {
    let workspace = snapshot.workspace
    let expected = try request.expectHead.map(Self.parseHead)
    let key: PublicSigningKey
    let trust: VerificationReport.Trust
    var warnings: [String] = []
    if let file = request.publicKey {
      try PathCheck.input(file, .file, "public key")
      let store = KeyStore(directory: file.deletingLastPathComponent(), allowInsecure: request.allowInsecureKeys)
      try store.checkNotWritableByOthers(file.path)
      guard let text = try? String(contentsOf: file, encoding: .utf8) else {
        throw ToolkitError.noInput("\(file.path): cannot read public key")
      }
      do { key = try PublicSigningKey(pem: text) } catch {
        throw ToolkitError.invalid("\(file.path): not an Ed25519 public key PEM")
      }
      trust = .init(keyId: key.keyID, source: .publicKeyFile, path: file.path)
    } else {
      let store = KeyStore(directory: workspace.defaultKeysDirectory, allowInsecure: request.allowInsecureKeys)
      key = try store.publicKey()
      trust = .init(keyId: key.keyID, source: .workspace, path: store.publicKeyURL.path)
      warnings.append(
        "trusted the workspace's own key \(key.keyID) (\(store.publicKeyURL.path)): whoever can "
          + "write the workspace can replace it and re-sign everything; pin the producer's key "
          + "with --public-key FILE and its last head with --expect-head")
    }
    let own = KeyStore(directory: workspace.defaultKeysDirectory)
    for secret in [own.signingKeyURL, own.pseudonymKeyURL] where FileManager.default.fileExists(atPath: secret.path) {
      warnings.append(
        "\(secret.path): a secret key inside the workspace (where earlier versions kept it); "
          + "whoever can read the workspace can sign or link pseudonyms; move it to the key folder")
    }
    var verifier = Verifier(workspace: workspace, audit: snapshot.audit, trustedKeys: [key])
    verifier.expectedHead = expected
    verifier.published = snapshot.publishedRunID
    verifier.all = request.all
    verifier.manifestNames = snapshot.manifestNames
    var report = try verifier.verify(keySource: trust.description)
    report.trust = trust
    report.warnings = warnings + report.warnings
    return report
  }

  /// The 64 hex digits of a head given as `sha256:HEX` or `HEX` (lower-cased).
  ///
  /// - Throws: `ToolkitError.invalid` if it is not a SHA-256 digest.
  static func parseHead(_ text: String) throws -> String {
    var hex = text.trimmingCharacters(in: .whitespaces).lowercased()
    if hex.hasPrefix("sha256:") { hex.removeFirst("sha256:".count) }
    guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
      throw ToolkitError.invalid("--expect-head: expected sha256: and 64 hex digits, as 'run' prints after 'audit head:'")
    }
    return hex
  }
}
