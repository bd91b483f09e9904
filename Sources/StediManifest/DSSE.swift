import Foundation
public import StediKeys

/// DSSE v1 (Dead Simple Signing Envelope): signing and verifying payloads with Ed25519.
///
/// The signature covers PAE(payloadType, payload): the exact payload bytes and their type, so
/// neither can be changed or swapped without breaking it.
///
/// ```swift
/// let type = RunStatement.payloadType  // "application/vnd.in-toto+json"
/// let envelope = DSSE.sign(payload: statementBytes, payloadType: type, key: key)
/// let bytes = try DSSE.encode(envelope)
/// let verified = try DSSE.verify(
///   envelopeBytes: bytes, trusting: [key.publicKey], expectedPayloadType: type)
/// // decode the statement from verified.payload
/// ```
public enum DSSE {
  /// The pre-authentication encoding:
  /// `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths as ASCII decimal byte counts.
  ///
  /// `pae(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))` is
  /// `DSSEv1 29 http://example.com/HelloWorld 11 hello world`.
  public static func pae(payloadType: String, payload: [UInt8]) -> [UInt8] {
    let type = Array(payloadType.utf8)
    let space = UInt8(ascii: " ")
    var out = Array("DSSEv1".utf8)
    out.reserveCapacity(out.count + type.count + payload.count + 24)
    out.append(space)
    out += Array(String(type.count).utf8)
    out.append(space)
    out += type
    out.append(space)
    out += Array(String(payload.count).utf8)
    out.append(space)
    out += payload
    return out
  }

  /// An envelope holding `payload`, signed by `key` over PAE(`payloadType`, `payload`).
  public static func sign(payload: [UInt8], payloadType: String, key: SigningKey) -> DSSEEnvelope {
    let signature = key.sign(pae(payloadType: payloadType, payload: payload))
    return DSSEEnvelope(
      payloadType: payloadType,
      payload: Data(payload).base64EncodedString(),
      signatures: [
        DSSEEnvelope.Signature(keyid: key.keyID, sig: Data(signature).base64EncodedString())
      ])
  }

  /// The envelope as pretty-printed JSON with sorted keys, unescaped slashes and a final newline.
  ///
  /// - Throws: `ManifestError.encodingFailed` if JSON encoding fails.
  public static func encode(_ envelope: DSSEEnvelope) throws(ManifestError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return Array(try encoder.encode(envelope)) + [UInt8(ascii: "\n")]
    } catch {
      throw .encodingFailed(reason: "JSON encoding failed")
    }
  }

  /// Verifies an envelope and returns its payload; verifies before anything decodes the payload.
  ///
  /// Parses only the envelope, decodes the base64 payload, checks its type, then looks for a
  /// signature whose key id is that of a trusted key and that verifies over
  /// PAE(type, exact payload bytes). Base64 must be standard and canonical (with padding).
  ///
  /// ```swift
  /// let verified = try DSSE.verify(
  ///   envelopeBytes: bytes, trusting: [publicKey], expectedPayloadType: RunStatement.payloadType)
  /// let statement = try JSONDecoder().decode(Statement.self, from: Data(verified.payload))
  /// ```
  ///
  /// - Throws: `ManifestError.malformedEnvelope` if the bytes are not an envelope;
  ///   `.wrongPayloadType`; `.noTrustedSignature` (naming the key ids found) if no signature has
  ///   a trusted key id; `.badSignature` if those that have one don't verify.
  /// - Warning: never decode the payload of an envelope yourself; only `VerifiedPayload.payload`
  ///   has been checked.
  public static func verify(
    envelopeBytes: [UInt8], trusting keys: [PublicSigningKey], expectedPayloadType: String
  ) throws(ManifestError) -> VerifiedPayload {
    let envelope: DSSEEnvelope
    do {
      envelope = try JSONDecoder().decode(DSSEEnvelope.self, from: Data(envelopeBytes))
    } catch {
      throw .malformedEnvelope(reason: reason(for: error))
    }
    guard let payload = strictBase64(envelope.payload) else {
      throw .malformedEnvelope(reason: "payload is not standard base64")
    }
    guard envelope.payloadType == expectedPayloadType else {
      throw .wrongPayloadType(expected: expectedPayloadType, found: envelope.payloadType)
    }
    var trusted = [String: PublicSigningKey]()
    for key in keys { trusted[key.keyID] = key }
    let message = pae(payloadType: envelope.payloadType, payload: payload)
    var claimed = [String]()
    for signature in envelope.signatures {
      guard let key = trusted[signature.keyid] else { continue }
      claimed.append(signature.keyid)
      if let bytes = strictBase64(signature.sig), key.isValidSignature(bytes, for: message) {
        return VerifiedPayload(
          payload: payload, keyID: key.keyID, payloadType: envelope.payloadType)
      }
    }
    guard claimed.isEmpty else { throw .badSignature(keyIDs: claimed) }
    throw .noTrustedSignature(
      found: envelope.signatures.map(\.keyid), trusted: keys.map(\.keyID))
  }

  /// The bytes of canonical standard base64 (padded, no whitespace, zero trailing bits), or nil.
  ///
  /// Canonical only, so that no two envelope texts carry the same signed bytes.
  static func strictBase64(_ text: String) -> [UInt8]? {
    guard let data = Data(base64Encoded: text), data.base64EncodedString() == text else {
      return nil
    }
    return Array(data)
  }

  /// Where the envelope JSON is wrong, by field path, never quoting values.
  private static func reason(for error: any Error) -> String {
    guard let error = error as? DecodingError else { return "not JSON" }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing field \(path(context.codingPath + [key]))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "field \(path(context.codingPath)) has the wrong type"
    case .dataCorrupted(let context):
      guard !context.codingPath.isEmpty else { return "not JSON" }
      return "field \(path(context.codingPath)) is invalid"
    @unknown default:
      return "not a DSSE envelope"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    var out = ""
    for key in keys {
      if let index = key.intValue {
        out += "[\(index)]"
      } else {
        out += out.isEmpty ? key.stringValue : "." + key.stringValue
      }
    }
    return out.isEmpty ? "(root)" : out
  }
}
