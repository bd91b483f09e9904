public import Foundation
import StediCore

/// A directory of key files, each mode 0600.
///
/// Layout: `pseudonym.key` (the HMAC key, JSON with `keyId` and base64 `secret`).
public struct KeyStore: Sendable {
  public let directory: URL

  public init(directory: URL) { self.directory = directory }

  public var pseudonymKeyURL: URL { directory.appendingPathComponent("pseudonym.key") }

  /// Loads the pseudonym key, creating it (mode 0600) on first use.
  ///
  /// - Throws: `KeyError` if the file can't be read, is invalid, or is readable by others.
  public func pseudonymKey(createIfMissing: Bool = true) throws(KeyError) -> (PseudonymKey, created: Bool) {
    let path = pseudonymKeyURL.path
    if FileManager.default.fileExists(atPath: path) {
      return (try loadPseudonymKey(), false)
    }
    guard createIfMissing else { throw .unreadable(path: path, reason: "no such file") }
    let key = PseudonymKey.generate()
    let body = KeyFileBody(type: KeyFileBody.pseudonymType, keyId: key.keyID,
      secret: Data(key.secret).base64EncodedString())
    try writeSecretFile(body, to: pseudonymKeyURL)
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
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let mode = attributes[.posixPermissions] as? NSNumber
    else { throw .unreadable(path: path, reason: "cannot stat") }
    if mode.intValue & 0o077 != 0 { throw .badPermissions(path: path) }
  }

  /// Writes a secret file atomically with mode 0600 (created with that mode, never wider).
  func writeSecretFile(_ body: some Encodable, to url: URL) throws(KeyError) {
    let path = url.path
    if FileErrorReason.kind(of: directory.path) == .other {
      throw .unwritable(path: path, reason: "\(directory.path) is not a directory")
    }
    do {
      try FileManager.default.createDirectory(
        at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = try encoder.encode(body)
      let temporary = url.path + ".tmp-\(getpid())"
      let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
      guard fd >= 0 else { throw KeyError.unwritable(path: path, reason: String(cString: strerror(errno))) }
      let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      fsync(fd)
      close(fd)
      guard written == data.count else {
        unlink(temporary)
        throw KeyError.unwritable(path: path, reason: "short write")
      }
      guard rename(temporary, path) == 0 else {
        unlink(temporary)
        throw KeyError.unwritable(path: path, reason: String(cString: strerror(errno)))
      }
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
