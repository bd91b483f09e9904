public import Foundation
import StediKeys

/// The keys of a key directory, as `stedi-audit keys` shows them. No secrets.
public struct KeysInfo: Sendable, Codable {
  public var directory: String
  public var pseudonymKeyId: String
  public var signingKeyId: String
  public var publicKeyPEM: String
  /// Files created by this call.
  public var created: [String]
}

extension Toolkit {
  /// `stedi-audit keys init`: creates the Ed25519 signing key (and its public PEM) and the HMAC
  /// pseudonym key in `directory` if absent (mode 0600), and describes them.
  public static func keysInit(directory: URL) throws -> KeysInfo {
    try PathCheck.outputDirectory(directory, "key directory")
    let store = KeyStore(directory: directory)
    let (pseudonym, createdPseudonym) = try store.pseudonymKey(createIfMissing: true)
    let (signing, createdSigning) = try store.signingKey(createIfMissing: true)
    var created: [String] = []
    if createdPseudonym { created.append(store.pseudonymKeyURL.path) }
    if createdSigning { created += [store.signingKeyURL.path, store.publicKeyURL.path] }
    return KeysInfo(
      directory: directory.path, pseudonymKeyId: pseudonym.keyID, signingKeyId: signing.publicKey.keyID,
      publicKeyPEM: signing.publicKey.pem, created: created)
  }

  /// `stedi-audit keys show`: the key ids and the public key of an existing key directory.
  public static func keysShow(directory: URL) throws -> KeysInfo {
    try PathCheck.input(directory, .directory, "key directory")
    let store = KeyStore(directory: directory)
    let (pseudonym, _) = try store.pseudonymKey(createIfMissing: false)
    let (signing, _) = try store.signingKey(createIfMissing: false)
    return KeysInfo(
      directory: directory.path, pseudonymKeyId: pseudonym.keyID, signingKeyId: signing.publicKey.keyID,
      publicKeyPEM: signing.publicKey.pem, created: [])
  }
}
