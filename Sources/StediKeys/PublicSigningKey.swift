import Crypto
import Foundation
import StediCore

/// An Ed25519 public key that verifies run manifests.
///
/// It reads and writes the standard SubjectPublicKeyInfo PEM that OpenSSL and Python's
/// `cryptography` use:
///
/// ```swift
/// let key = try PublicSigningKey(pem: text)  // "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA…"
/// key.keyID                                   // "ek-1f0c2d…" (16 hex digits)
/// key.isValidSignature(signature, for: message)
/// ```
public struct PublicSigningKey: Hashable, Sendable {
  /// The 32 raw bytes of the key (RFC 8032's encoding of the point).
  public let rawRepresentation: [UInt8]
  /// `ek-` and the first 16 hex digits of SHA-256(`rawRepresentation`).
  public let keyID: String

  /// The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 raw bytes.
  static let spkiPrefix: [UInt8] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
  ]

  /// A key from its 32 raw bytes.
  ///
  /// - Throws: `KeyError.invalidKey` unless `raw` has 32 bytes.
  public init(raw: [UInt8]) throws(KeyError) {
    guard raw.count == 32 else { throw .invalidKey("an Ed25519 public key has 32 bytes") }
    rawRepresentation = raw
    keyID = "ek-" + String(Hex.encode(SHA256.hash(data: raw)).prefix(16))
  }

  /// A key from a `-----BEGIN PUBLIC KEY-----` PEM (an Ed25519 SubjectPublicKeyInfo).
  ///
  /// Text around the PEM block, `\r\n` line ends and any line length are accepted.
  ///
  /// - Throws: `KeyError.invalidKey` if the text is not such a PEM, or holds another key type.
  public init(pem: String) throws(KeyError) {
    guard let der = PEM.decode(pem, label: "PUBLIC KEY") else {
      throw .invalidKey("not a PEM block labelled PUBLIC KEY")
    }
    let prefix = Self.spkiPrefix
    guard der.count == prefix.count + 32, der.starts(with: prefix) else {
      throw .invalidKey("the PEM public key is not an Ed25519 key")
    }
    try self.init(raw: Array(der.dropFirst(prefix.count)))
  }

  /// The key as a SubjectPublicKeyInfo PEM, base64 lines of 64 characters, ending in a newline.
  public var pem: String {
    PEM.encode(Self.spkiPrefix + rawRepresentation, label: "PUBLIC KEY")
  }

  /// Whether `signature` is this key's Ed25519 signature of `message`.
  ///
  /// False for a signature that is not 64 bytes long.
  public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    guard signature.count == 64,
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)
    else { return false }
    return key.isValidSignature(signature, for: message)
  }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.rawRepresentation == rhs.rawRepresentation
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(rawRepresentation) }
}

extension PublicSigningKey: CustomStringConvertible {
  public var description: String { "PublicSigningKey(\(keyID))" }
}
