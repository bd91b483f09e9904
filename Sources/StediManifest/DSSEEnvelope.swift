/// A DSSE v1 envelope: a base64 payload, its type, and signatures over PAE(type, payload).
///
/// The JSON form, as `DSSE.encode` writes it:
///
/// ```json
/// {
///   "payload" : "eyJfdHlwZSI6…",
///   "payloadType" : "application/vnd.in-toto+json",
///   "signatures" : [ { "keyid" : "ek-1f0c2d3e4a5b6c7d", "sig" : "3q2+7w…" } ]
/// }
/// ```
///
/// - Warning: the fields of an envelope are untrusted until `DSSE.verify` has checked them; read
///   the payload only from the `VerifiedPayload` it returns.
public struct DSSEEnvelope: Codable, Hashable, Sendable {
  /// The type of the payload, e.g. `application/vnd.in-toto+json`; it is signed too.
  public var payloadType: String
  /// The payload bytes, standard base64 with padding.
  public var payload: String
  /// One or more signatures.
  public var signatures: [Signature]

  public init(payloadType: String, payload: String, signatures: [Signature]) {
    self.payloadType = payloadType
    self.payload = payload
    self.signatures = signatures
  }

  /// A signature over PAE(payloadType, payload bytes).
  public struct Signature: Codable, Hashable, Sendable {
    /// The id of the signing key (`ek-` and 16 hex digits); may be empty in foreign envelopes.
    public var keyid: String
    /// The 64-byte Ed25519 signature, standard base64 with padding.
    public var sig: String

    public init(keyid: String, sig: String) {
      self.keyid = keyid
      self.sig = sig
    }

    enum CodingKeys: String, CodingKey {
      case keyid
      case sig
    }

    /// Decodes a signature; a missing `keyid` (optional in DSSE) reads as empty.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      keyid = try container.decodeIfPresent(String.self, forKey: .keyid) ?? ""
      sig = try container.decode(String.self, forKey: .sig)
    }
  }
}
