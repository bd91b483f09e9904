public import Foundation
import StediAuditLog
import StediKeys
import StediZones

/// The keys of a key folder or a workspace, as `stedi-audit keys` shows them. No secrets.
public struct KeysInfo: Sendable, Codable {
  /// The key folder, or `WORKSPACE/keys` when a workspace's public key is shown.
  public var directory: String
  /// The pseudonym key id (of the folder, or of the workspace's latest published run).
  public var pseudonymKeyId: String?
  public var signingKeyId: String
  public var publicKeyPEM: String
  /// Files created by this call.
  public var created: [String]
}

/// What `stedi-audit keys init` and `keys show` ask for.
public struct KeysRequest: Sendable {
  /// The key folder; by default the one `environment` names.
  public var directory: URL?
  /// `init`: also put the public key into this workspace. `show` without `directory`: show
  /// this workspace's public key instead of a key folder.
  public var workspace: URL?
  public var allowInsecureKeys: Bool
  /// Where the default key folder is looked up; see `RunRequest.environment`.
  public var environment: [String: String]

  public init(
    directory: URL? = nil, workspace: URL? = nil, allowInsecureKeys: Bool = false,
    environment: [String: String] = [:]
  ) {
    self.directory = directory
    self.workspace = workspace
    self.allowInsecureKeys = allowInsecureKeys
    self.environment = environment
  }
}

extension Toolkit {
  /// `stedi-audit keys init`: creates the Ed25519 signing key (and its public PEM) and the HMAC
  /// pseudonym key in the key folder if absent (files 0600, folder 0700), and describes them;
  /// with a workspace, also puts the public key into it.
  ///
  /// - Throws: `KeyError` (a folder or file others can write, a key folder inside the
  ///   workspace, another key in the workspace).
  public static func keysInit(_ request: KeysRequest) throws -> KeysInfo {
    if let directory = request.directory { try PathCheck.outputDirectory(directory, "key directory") }
    let store: KeyStore
    if let workspace = request.workspace {
      store = try KeyAccess.resolve(
        folder: request.directory, workspace: Workspace(root: workspace),
        allowInsecure: request.allowInsecureKeys, environment: request.environment
      ).secrets
    } else {
      store = KeyStore(
        directory: try KeyLocation.folder(request.directory, environment: request.environment),
        allowInsecure: request.allowInsecureKeys)
    }
    let (pseudonym, createdPseudonym) = try store.pseudonymKey(createIfMissing: true)
    let (signing, createdSigning) = try store.signingKey(createIfMissing: true)
    var created: [String] = []
    if createdPseudonym { created.append(store.pseudonymKeyURL.path) }
    if createdSigning { created += [store.signingKeyURL.path, store.publicKeyURL.path] }
    if let workspace = request.workspace {
      let own = KeyStore(
        directory: Workspace(root: workspace).defaultKeysDirectory, allowInsecure: request.allowInsecureKeys)
      let existed = FileManager.default.fileExists(atPath: own.publicKeyURL.path)
      try own.installPublicKey(signing.publicKey)
      if !existed { created.append(own.publicKeyURL.path) }
    }
    return KeysInfo(
      directory: store.directory.path, pseudonymKeyId: pseudonym.keyID, signingKeyId: signing.publicKey.keyID,
      publicKeyPEM: signing.publicKey.pem, created: created)
  }

  /// `stedi-audit keys show`: the key ids and the public key of an existing key folder, or,
  /// given only a workspace, the public key the workspace holds and the pseudonym key id of its
  /// latest published run.
  ///
  /// - Throws: `KeyError` if a key is missing, invalid or writable by others.
  public static func keysShow(_ request: KeysRequest) throws -> KeysInfo {
    if let directory = request.directory { try PathCheck.input(directory, .directory, "key directory") }
    if request.directory == nil, let root = request.workspace {
      try PathCheck.input(root, .directory, "workspace")
      let workspace = Workspace(root: root)
      let own = KeyStore(directory: workspace.defaultKeysDirectory, allowInsecure: request.allowInsecureKeys)
      let key = try own.publicKey()
      var pseudonym: String?
      if FileManager.default.fileExists(atPath: workspace.auditLogURL.path) {
        let rows = try AuditLog(readingFrom: workspace.auditLogURL).rows(
          "SELECT pseudonym_key_id FROM run WHERE status = 'published' ORDER BY id DESC LIMIT 1")
        pseudonym = rows.first?.first ?? nil
      }
      return KeysInfo(
        directory: own.directory.path, pseudonymKeyId: pseudonym, signingKeyId: key.keyID,
        publicKeyPEM: key.pem, created: [])
    }
    let store = KeyStore(
      directory: try KeyLocation.folder(request.directory, environment: request.environment),
      allowInsecure: request.allowInsecureKeys)
    let (pseudonym, _) = try store.pseudonymKey(createIfMissing: false)
    let (signing, _) = try store.signingKey(createIfMissing: false)
    return KeysInfo(
      directory: store.directory.path, pseudonymKeyId: pseudonym.keyID, signingKeyId: signing.publicKey.keyID,
      publicKeyPEM: signing.publicKey.pem, created: [])
  }
}
