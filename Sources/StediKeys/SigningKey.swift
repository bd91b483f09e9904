import Crypto
import Foundation

/// An Ed25519 private key that signs run manifests, with its public key and key id.
///
/// The key is made from a 32-byte seed (RFC 8032's "private key"); the same seed always gives
/// the same public key and, on Linux, byte-identical signatures.
///
/// ```swift
/// let key = SigningKey.generate()
/// let signature = key.sign(Array("hello".utf8))  // 64 bytes
/// key.publicKey.isValidSignature(signature, for: Array("hello".utf8))  // true
/// ```
///
/// - Warning: whoever holds the seed can sign manifests in your name. Keep it in the key store
///   (mode 0600) and out of zones, reports, logs and the audit log; record only `keyID`.
public struct SigningKey: Sendable {
  private let key: Curve25519.Signing.PrivateKey
  /// The public half, which verifiers trust.
  public let publicKey: PublicSigningKey

  /// The id of the public key: `ek-` and 16 hex digits (see `PublicSigningKey.keyID`).
  public var keyID: String { publicKey.keyID }

  /// A key made from a 32-byte seed.
  ///
  /// - Throws: `KeyError.invalidKey` unless `seed` has 32 bytes.
  public init(seed: [UInt8]) throws(KeyError) {
    guard seed.count == 32 else { throw .invalidKey("an Ed25519 seed has 32 bytes") }
    guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
      throw .invalidKey("not an Ed25519 seed")
    }
    try self.init(key: key)
  }

  private init(key: Curve25519.Signing.PrivateKey) throws(KeyError) {
    self.key = key
    self.publicKey = try PublicSigningKey(raw: Array(key.publicKey.rawRepresentation))
  }

  /// A new random key.
  public static func generate() -> SigningKey {
    // A fresh key always has a 32-byte public key.
    guard let made = try? SigningKey(key: Curve25519.Signing.PrivateKey()) else {
      preconditionFailure("Ed25519 key size")
    }
    return made
  }

  /// The 64-byte Ed25519 signature of `message`.
  public func sign(_ message: [UInt8]) -> [UInt8] {
    // Signing with a valid key fails only if the crypto library itself fails.
    guard let signature = try? key.signature(for: message) else {
      preconditionFailure("Ed25519 signing failed")
    }
    return Array(signature)
  }

  /// The 32-byte seed, for the key store only.
  var seed: [UInt8] { Array(key.rawRepresentation) }
}

extension SigningKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// Names the key id only, never the seed.
  public var description: String { "SigningKey(\(keyID))" }
  public var debugDescription: String { description }
  /// Hides the seed from `dump` and debuggers' mirrors.
  public var customMirror: Mirror { Mirror(self, children: ["keyID": keyID]) }
}
