import Crypto
public import StediCore

/// Turns identities (email keys) into keyed pseudonyms: the first 128 bits of
/// HMAC-SHA256(key, "stedi-audit/v1/email\0" ‖ email key), as 32 hex digits.
///
/// The same email key and key always give the same pseudonym; without the key a pseudonym can't
/// be linked to an email, not even by hashing candidate emails.
public struct Pseudonymizer: Sendable {
  private let key: SymmetricKey
  /// The id of the key, stored next to every pseudonym.
  public let keyID: String
  /// Applied to every email key before it is hashed: lets a dry run under one policy label
  /// customers as a workspace under another policy does (`diff`). Nil in every real run.
  private let rekey: (@Sendable (String) -> String)?

  public init(key: PseudonymKey, rekey: (@Sendable (String) -> String)? = nil) {
    self.key = SymmetricKey(data: key.secret)
    self.keyID = key.keyID
    self.rekey = rekey
  }

  /// The pseudonym of an email key (already normalised by the policy).
  public func pseudonym(ofEmailKey emailKey: String) -> String {
    pseudonymDigest(ofEmailKey: emailKey).description
  }

  /// The pseudonym of an email key as its 16 bytes (`description` gives the 32 hex digits).
  public func pseudonymDigest(ofEmailKey emailKey: String) -> Digest128 {
    var hmac = HMAC<SHA256>(key: key)
    hmac.update(data: Array("stedi-audit/v1/email\u{0}".utf8))
    hmac.update(data: Array((rekey?(emailKey) ?? emailKey).utf8))
    return hmac.finalize().withUnsafeBytes { raw in
      // 32 bytes from HMAC-SHA256: the first 16 always exist.
      Digest128(bytes: raw.prefix(16)) ?? Digest128(high: 0, low: 0)
    }
  }
}
