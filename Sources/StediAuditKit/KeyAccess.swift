import Foundation
import StediAuditLog
import StediKeys
import StediZones

/// The keys of a command on a workspace: the secret keys in a key folder outside the workspace
/// (`--keys`, `$STEDI_AUDIT_KEYS`, `$XDG_CONFIG_HOME/stedi-audit/keys`,
/// `~/.config/stedi-audit/keys`), and the workspace's own public key
/// (`WORKSPACE/keys/signing.pub.pem`), which is all of a key the workspace holds.
struct KeyAccess {
  /// The key folder: `pseudonym.key`, `signing.key`, `signing.pub.pem`.
  let secrets: KeyStore
  /// `WORKSPACE/keys`: `signing.pub.pem` only.
  let workspaceKeys: KeyStore
  let workspace: Workspace

  /// Finds the key folder of a command on `workspace`.
  ///
  /// - Throws: `KeyError.noKeyFolder` if there is no folder to use; `KeyError.secretInWorkspace`
  ///   if the folder is inside the workspace (unless `allowInsecure`), or if the workspace still
  ///   holds a secret key where earlier versions kept it (`WORKSPACE/keys/signing.key`,
  ///   `pseudonym.key`) and the folder is another one.
  static func resolve(
    folder: URL?, workspace: Workspace, allowInsecure: Bool, environment: [String: String]
  ) throws(KeyError) -> KeyAccess {
    let directory = try KeyLocation.folder(folder, environment: environment)
    let secrets = KeyStore(directory: directory, allowInsecure: allowInsecure)
    let own = KeyStore(directory: workspace.defaultKeysDirectory, allowInsecure: allowInsecure)
    let path = canonical(directory)
    let root = canonical(workspace.root)
    if path == root || path.hasPrefix(root + "/") {
      guard allowInsecure else {
        throw .secretInWorkspace(
          path: directory.path,
          advice: "the key folder is inside the workspace, where whoever can read the workspace "
            + "can sign as you; use one outside it (default ~/.config/stedi-audit/keys) or pass "
            + "--allow-insecure-keys")
      }
    }
    if path != canonical(own.directory) {
      for file in [own.signingKeyURL, own.pseudonymKeyURL]
      where FileManager.default.fileExists(atPath: file.path) {
        throw .secretInWorkspace(
          path: file.path,
          advice: "a secret key inside the workspace (where earlier versions kept it); move "
            + "pseudonym.key and signing.key to the key folder \(directory.path) (mode 0700) and "
            + "run again")
      }
    }
    return KeyAccess(secrets: secrets, workspaceKeys: own, workspace: workspace)
  }

  static func canonical(_ url: URL) -> String {
    url.standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// The keys of a run: loads them from the key folder, creating them on a workspace's first
  /// run, and puts the public key into the workspace.
  ///
  /// A workspace that already has runs or a public key never gets new keys: a new pseudonym key
  /// would change every pseudonym (and forget withdrawals), a new signing key would break the
  /// manifest chain.
  ///
  /// - Throws: `KeyError.mismatch` if a key is missing from the folder or differs from the one
  ///   the workspace uses; other `KeyError`s of `KeyStore`.
  func runKeys() throws -> (pseudonym: PseudonymKey, createdPseudonym: Bool, signing: SigningKey, createdSigning: Bool) {
    let manager = FileManager.default
    let recorded = try recordedPseudonymKeyID()
    if let recorded, !manager.fileExists(atPath: secrets.pseudonymKeyURL.path) {
      throw KeyError.mismatch(
        path: secrets.pseudonymKeyURL.path,
        reason: "missing, but the workspace's runs use pseudonym key \(recorded); pass --keys with "
          + "the folder that holds it (a new key would change every pseudonym)")
    }
    if manager.fileExists(atPath: workspaceKeys.publicKeyURL.path),
      !manager.fileExists(atPath: secrets.signingKeyURL.path)
    {
      let signer = try workspaceKeys.publicKey().keyID
      throw KeyError.mismatch(
        path: secrets.signingKeyURL.path,
        reason: "missing, but the workspace is signed by \(signer); pass --keys with the folder "
          + "that holds it")
    }
    let (pseudonym, createdPseudonym) = try secrets.pseudonymKey(createIfMissing: true)
    if let recorded, pseudonym.keyID != recorded {
      throw KeyError.mismatch(
        path: secrets.pseudonymKeyURL.path,
        reason: "is pseudonym key \(pseudonym.keyID), but the workspace's runs use \(recorded); "
          + "pass --keys with the folder that holds \(recorded)")
    }
    let (signing, createdSigning) = try secrets.signingKey(createIfMissing: true)
    try workspaceKeys.installPublicKey(signing.publicKey)
    return (pseudonym, createdPseudonym, signing, createdSigning)
  }

  /// The pseudonym key id of the workspace's latest published run, if it has one.
  private func recordedPseudonymKeyID() throws -> String? {
    let log = workspace.auditLogURL
    guard FileManager.default.fileExists(atPath: log.path) else { return nil }
    let audit = try AuditLog(readingFrom: log)
    let rows = try audit.rows(
      "SELECT pseudonym_key_id FROM run WHERE status = 'published' ORDER BY id DESC LIMIT 1")
    return rows.first?.first ?? nil
  }
}
