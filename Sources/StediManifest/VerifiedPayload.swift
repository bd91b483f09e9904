/// The payload of a DSSE envelope whose signature by a trusted key was verified.
///
/// Only `DSSE.verify` makes one, so holding a `VerifiedPayload` proves the check ran. Decode the
/// statement from `payload`, the exact bytes that were signed:
///
/// ```swift
/// let verified = try DSSE.verify(
///   envelopeBytes: bytes, trusting: [key], expectedPayloadType: RunStatement.payloadType)
/// let statement = try JSONDecoder().decode(Statement.self, from: Data(verified.payload))
/// ```
public struct VerifiedPayload: Hashable, Sendable {
  /// The exact payload bytes that the signature covers.
  public let payload: [UInt8]
  /// The id of the trusted key whose signature verified.
  public let keyID: String
  /// The envelope's payload type (equal to the expected type).
  public let payloadType: String

  init(payload: [UInt8], keyID: String, payloadType: String) {
    self.payload = payload
    self.keyID = keyID
    self.payloadType = payloadType
  }
}
