import Crypto
import StediCore

/// The secret key of keyed pseudonyms (HMAC-SHA256), with its public key id.
///
/// - Warning: whoever holds the secret can link pseudonyms back to emails by guessing. Keep the key
///   file out of published zones, reports and the audit log (the audit log stores only `keyID`).
public struct PseudonymKey: Sendable {
  /// 32 random bytes.
  public let secret: [UInt8]
  /// `hk-` and the first 16 hex digits of SHA-256("stedi-audit key id" ‖ secret).
  public let keyID: String

  /// - Throws: `KeyError.invalidKey` unless `secret` has 32 bytes.
  public init(secret: [UInt8]) throws(KeyError) {
    guard secret.count == 32 else { throw .invalidKey("a pseudonym key has 32 bytes") }
    self.secret = secret
    var hasher = SHA256()
    hasher.update(data: Array("stedi-audit key id".utf8))
    hasher.update(data: secret)
    self.keyID = "hk-" + String(Hex.encode(hasher.finalize()).prefix(16))
  }

  /// A new random key.
  public static func generate() -> PseudonymKey {
    let key = SymmetricKey(size: .bits256)
    let secret = key.withUnsafeBytes { Array($0) }
    // 32 bytes by construction.
    guard let made = try? PseudonymKey(secret: secret) else { preconditionFailure("key size") }
    return made
  }
}
