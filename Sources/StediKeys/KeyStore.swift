public import Foundation
import StediCore

/// A directory of key files, each mode 0600, in a folder of mode 0700.
///
/// Layout: `pseudonym.key` (the HMAC key, JSON with `keyId` and base64 `secret`), `signing.key`
/// and `signing.pub.pem` (see `KeyStore+Signing.swift`). A folder or file that group or others
/// can write is refused (`KeyError.writableByOthers`) unless `allowInsecure`; a secret file that
/// group or others can read is always refused (`KeyError.badPermissions`).
public struct KeyStore: Sendable {
  public let directory: URL
  /// Accept a key folder or public key file that group or others can write.
  public let allowInsecure: Bool

  public init(directory: URL, allowInsecure: Bool = false) {
    self.directory = directory
    self.allowInsecure = allowInsecure
  }

  public var pseudonymKeyURL: URL { directory.appendingPathComponent("pseudonym.key") }

  /// Loads the pseudonym key, creating it (mode 0600) on first use.
  ///
  /// - Throws: `KeyError` if the file can't be read, is invalid, or is readable by others.
  public func pseudonymKey(createIfMissing: Bool = true) throws(KeyError) -> (PseudonymKey, created: Bool) {
    let path = pseudonymKeyURL.path
    try checkFolder()
    if FileManager.default.fileExists(atPath: path) {
      return (try loadPseudonymKey(), false)
    }
    guard createIfMissing else { throw .unreadable(path: path, reason: "no such file") }
    let key = PseudonymKey.generate()
    let body = KeyFileBody(type: KeyFileBody.pseudonymType, keyId: key.keyID,
      secret: Data(key.secret).base64EncodedString())
    // Another process may have made the key first (two first runs sharing a key folder): keep it.
    guard try writeSecretFile(body, to: pseudonymKeyURL) else { return (try loadPseudonymKey(), false) }
    return (key, true)
  }

  private func loadPseudonymKey() throws(KeyError) -> PseudonymKey {
    let path = pseudonymKeyURL.path
    try checkPermissions(path)
    let data: Data
    do { data = try Data(contentsOf: pseudonymKeyURL) } catch {
      throw .unreadable(path: path, reason: FileErrorReason.of(error))
    }
    guard let body = try? JSONDecoder().decode(KeyFileBody.self, from: data),
      body.type == KeyFileBody.pseudonymType,
      let secret = Data(base64Encoded: body.secret)
    else { throw .unreadable(path: path, reason: "not a stedi-audit pseudonym key file") }
    let key = try PseudonymKey(secret: Array(secret))
    guard key.keyID == body.keyId else {
      throw .unreadable(path: path, reason: "key id does not match the secret")
    }
    return key
  }

  /// Refuses a secret file that group or others can read.
  func checkPermissions(_ path: String) throws(KeyError) {
    guard let mode = Self.mode(path) else { throw .unreadable(path: path, reason: "cannot stat") }
    if mode & 0o077 != 0 { throw .badPermissions(path: path) }
  }

  /// Refuses a key folder that group or others can write, unless `allowInsecure`. A missing
  /// folder passes (it is made with mode 0700 when a key is created).
  public func checkFolder() throws(KeyError) {
    guard let mode = Self.mode(directory.path) else { return }
    if mode & 0o022 != 0, !allowInsecure {
      throw .writableByOthers(path: directory.path, isDirectory: true)
    }
  }

  /// Refuses a (public) key file that group or others can write, unless `allowInsecure`.
  ///
  /// - Throws: `KeyError.writableByOthers`.
  public func checkNotWritableByOthers(_ path: String) throws(KeyError) {
    guard let mode = Self.mode(path) else { return }
    if mode & 0o022 != 0, !allowInsecure { throw .writableByOthers(path: path, isDirectory: false) }
  }

  /// The permission bits of a file or folder (following links), or nil if it does not exist.
  static func mode(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_mode) & 0o7777
  }

  /// Makes the key folder with mode 0700 if it is missing (its parents as the umask says).
  func makeFolder(mode folderMode: mode_t = 0o700) throws(KeyError) {
    let path = directory.path
    if FileErrorReason.kind(of: path) == .other {
      throw .unwritable(path: path, reason: "\(path) is not a directory")
    }
    guard Self.mode(path) == nil else { return }
    do {
      try FileManager.default.createDirectory(
        at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw .unwritable(path: path, reason: "cannot create the key folder's parent")
    }
    guard mkdir(path, folderMode) == 0 || errno == EEXIST else {
      throw .unwritable(path: path, reason: String(cString: strerror(errno)))
    }
    chmod(path, folderMode)
  }

  /// Writes a secret file atomically with mode 0600 (created with that mode, never wider), unless
  /// it exists: a key is never replaced. Returns false if it existed (made by another process).
  func writeSecretFile(_ body: some Encodable, to url: URL) throws(KeyError) -> Bool {
    let path = url.path
    try makeFolder()
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = try encoder.encode(body)
      let temporary = url.path + ".tmp-\(getpid())-\(UInt64.random(in: .min ... .max))"
      let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
      guard fd >= 0 else { throw KeyError.unwritable(path: path, reason: String(cString: strerror(errno))) }
      let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      fsync(fd)
      close(fd)
      guard written == data.count else {
        unlink(temporary)
        throw KeyError.unwritable(path: path, reason: "short write")
      }
      // link(2), unlike rename(2), fails if the key file exists: whoever made it first wins.
      let linked = link(temporary, path) == 0
      let code = errno
      let reason = String(cString: strerror(code))
      let existed = !linked && code == EEXIST
      unlink(temporary)
      guard linked || existed else { throw KeyError.unwritable(path: path, reason: reason) }
      // Make the new name durable: a run may sign and pseudonymise with the key at once.
      let folder = open(directory.path, O_RDONLY)
      if folder >= 0 {
        fsync(folder)
        close(folder)
      }
      return linked
    } catch let error as KeyError {
      throw error
    } catch {
      throw .unwritable(path: path, reason: FileErrorReason.writing(path, error))
    }
  }
}

/// The JSON body of a key file.
struct KeyFileBody: Codable {
  static let pseudonymType = "stedi-audit/pseudonym-key/hmac-sha256"
  var type: String
  var keyId: String
  var secret: String
}
