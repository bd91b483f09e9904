public import Foundation
import StediCore

/// The manifest signing key: `signing.key` (secret, mode 0600) and `signing.pub.pem` (public,
/// mode 0644, for verifiers).
extension KeyStore {
  /// The JSON `type` of a signing key file; its `secret` is the base64 32-byte Ed25519 seed.
  static let signingKeyType = "stedi-audit/signing-key/ed25519"

  /// `signing.key`: JSON with `type`, `keyId` and the base64 seed in `secret`, mode 0600.
  public var signingKeyURL: URL { directory.appendingPathComponent("signing.key") }

  /// `signing.pub.pem`: the public key as a SubjectPublicKeyInfo PEM, mode 0644.
  public var publicKeyURL: URL { directory.appendingPathComponent("signing.pub.pem") }

  /// Loads the signing key, creating it (`signing.key`, mode 0600, and `signing.pub.pem`, mode
  /// 0644) on first use.
  ///
  /// A missing `signing.pub.pem` is written again from the key.
  ///
  /// ```swift
  /// let (key, created) = try KeyStore(directory: keys).signingKey()
  /// ```
  ///
  /// - Throws: `KeyError.badPermissions` if `signing.key` is readable by group or others;
  ///   `KeyError.unreadable` if it is missing (and `createIfMissing` is false) or invalid, or if
  ///   `signing.pub.pem` holds another key; `KeyError.unwritable` if a file can't be written.
  /// - Warning: the secret key is never logged or printed; errors name only the file.
  public func signingKey(
    createIfMissing: Bool = true
  ) throws(KeyError) -> (SigningKey, created: Bool) {
    let path = signingKeyURL.path
    try checkFolder()
    if FileManager.default.fileExists(atPath: path) {
      let key = try loadSigningKey()
      try ensurePublicKeyFile(matching: key.publicKey)
      return (key, false)
    }
    guard createIfMissing else { throw .unreadable(path: path, reason: "no such file") }
    let key = SigningKey.generate()
    let body = KeyFileBody(
      type: Self.signingKeyType, keyId: key.keyID, secret: Data(key.seed).base64EncodedString())
    guard try writeSecretFile(body, to: signingKeyURL) else {
      let existing = try loadSigningKey()
      try ensurePublicKeyFile(matching: existing.publicKey)
      return (existing, false)
    }
    try writePublicFile(Data(key.publicKey.pem.utf8), to: publicKeyURL)
    return (key, true)
  }

  /// Reads the public key from `signing.pub.pem`.
  ///
  /// - Throws: `KeyError.writableByOthers` if the folder or the file is writable by group or
  ///   others (and not `allowInsecure`); `KeyError.unreadable` if the file is missing or is not
  ///   an Ed25519 public key PEM.
  public func publicKey() throws(KeyError) -> PublicSigningKey {
    let path = publicKeyURL.path
    try checkFolder()
    try checkNotWritableByOthers(path)
    let data: Data
    do { data = try Data(contentsOf: publicKeyURL) } catch {
      throw .unreadable(path: path, reason: FileErrorReason.of(error))
    }
    do { return try PublicSigningKey(pem: String(decoding: data, as: UTF8.self)) } catch {
      throw .unreadable(path: path, reason: "not an Ed25519 public key PEM")
    }
  }

  private func loadSigningKey() throws(KeyError) -> SigningKey {
    let path = signingKeyURL.path
    try checkPermissions(path)
    let data: Data
    do { data = try Data(contentsOf: signingKeyURL) } catch {
      throw .unreadable(path: path, reason: FileErrorReason.of(error))
    }
    guard let body = try? JSONDecoder().decode(KeyFileBody.self, from: data),
      body.type == Self.signingKeyType,
      let seed = Data(base64Encoded: body.secret),
      let key = try? SigningKey(seed: Array(seed))
    else { throw .unreadable(path: path, reason: "not a stedi-audit signing key file") }
    guard key.keyID == body.keyId else {
      throw .unreadable(path: path, reason: "key id does not match the secret")
    }
    return key
  }

  /// Writes `signing.pub.pem` if it is missing; refuses one that holds another key.
  private func ensurePublicKeyFile(matching key: PublicSigningKey) throws(KeyError) {
    let path = publicKeyURL.path
    guard FileManager.default.fileExists(atPath: path) else {
      try writePublicFile(Data(key.pem.utf8), to: publicKeyURL)
      return
    }
    let stored = try publicKey()
    guard stored == key else {
      throw .mismatch(path: path, reason: "holds \(stored.keyID), but signing.key is \(key.keyID)")
    }
  }

  /// Puts a public key into this folder as `signing.pub.pem` (mode 0644; the folder, if made,
  /// mode 0755): what a workspace holds so that verifiers find the key it was signed with.
  ///
  /// - Throws: `KeyError.mismatch` if `signing.pub.pem` holds another key (a workspace is signed
  ///   by one key); `KeyError.writableByOthers` as `publicKey()`; `KeyError.unwritable`.
  public func installPublicKey(_ key: PublicSigningKey) throws(KeyError) {
    let path = publicKeyURL.path
    if FileManager.default.fileExists(atPath: path) {
      let stored = try publicKey()
      guard stored == key else {
        throw .mismatch(
          path: path,
          reason: "the workspace is signed by \(stored.keyID), but the key folder's signing key is "
            + "\(key.keyID); pass --keys with the folder that holds \(stored.keyID)")
      }
      return
    }
    try makeFolder(mode: 0o755)
    try checkFolder()
    try writePublicFile(Data(key.pem.utf8), to: publicKeyURL)
  }

  /// Writes a public file atomically with mode 0644.
  private func writePublicFile(_ data: Data, to url: URL) throws(KeyError) {
    let path = url.path
    let temporary = path + ".tmp-\(getpid())-\(UInt64.random(in: .min ... .max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
    // Set the mode explicitly: the umask may have narrowed it.
    fchmod(fd, 0o644)
    let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    fsync(fd)
    close(fd)
    guard written == data.count else {
      unlink(temporary)
      throw .unwritable(path: path, reason: "short write")
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .unwritable(path: path, reason: reason)
    }
  }
}
