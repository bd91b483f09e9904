import Foundation
import StediKeys
import StediManifest
import Testing

struct DSSETests {
  static let type = "application/vnd.in-toto+json"
  static let payload = Array(
    #"{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"alice@example.com"}]}"#.utf8)
  let key = SigningKey.generate()

  // MARK: - PAE

  @Test func paeSpecVector() {
    let pae = DSSE.pae(
      payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
    #expect(
      String(decoding: pae, as: UTF8.self)
        == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
  }

  @Test func paeCountsBytesNotCharacters() {
    let pae = DSSE.pae(payloadType: "é", payload: [0, 0xff, 0x20])
    #expect(pae == Array("DSSEv1 2 é 3 ".utf8) + [0, 0xff, 0x20])
    #expect(DSSE.pae(payloadType: "", payload: []) == Array("DSSEv1 0  0 ".utf8))
  }

  // MARK: - Round trip

  @Test func signAndVerify() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    #expect(envelope.payloadType == Self.type)
    #expect(envelope.payload == Data(Self.payload).base64EncodedString())
    #expect(envelope.signatures.map(\.keyid) == [key.keyID])
    #expect(Data(base64Encoded: envelope.signatures[0].sig)?.count == 64)

    let bytes = try DSSE.encode(envelope)
    let verified = try DSSE.verify(
      envelopeBytes: bytes, trusting: [key.publicKey], expectedPayloadType: Self.type)
    #expect(verified.payload == Self.payload)
    #expect(verified.keyID == key.keyID)
    #expect(verified.payloadType == Self.type)
  }

  @Test func encodingIsSortedWithUnescapedSlashes() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    let text = String(decoding: try DSSE.encode(envelope), as: UTF8.self)
    #expect(text.contains("application/vnd.in-toto+json"))
    #expect(!text.contains(#"\/"#))
    #expect(text.hasSuffix("}\n"))
    let payloadAt = try #require(text.range(of: "\"payload\""))
    let typeAt = try #require(text.range(of: "\"payloadType\""))
    let signaturesAt = try #require(text.range(of: "\"signatures\""))
    #expect(payloadAt.lowerBound < typeAt.lowerBound)
    #expect(typeAt.lowerBound < signaturesAt.lowerBound)
    let decoded = try JSONDecoder().decode(DSSEEnvelope.self, from: Data(text.utf8))
    #expect(decoded == envelope)
  }

  @Test func anyTrustedKeyAmongSeveralVerifies() throws {
    let other = SigningKey.generate()
    var envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: other)
    envelope.signatures +=
      DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
      .signatures
    let verified = try DSSE.verify(
      envelopeBytes: try DSSE.encode(envelope),
      trusting: [SigningKey.generate().publicKey, key.publicKey],
      expectedPayloadType: Self.type)
    #expect(verified.keyID == key.keyID)
  }

  // MARK: - Tampering

  @Test func everyPayloadByteChangeFails() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    for index in Self.payload.indices {
      for mask: UInt8 in [0x01, 0x80, 0xff] {
        var changed = Self.payload
        changed[index] ^= mask
        var tampered = envelope
        tampered.payload = Data(changed).base64EncodedString()
        #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) {
          try self.verify(tampered)
        }
      }
    }
    var longer = envelope
    longer.payload = Data(Self.payload + [0x20]).base64EncodedString()
    #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) { try self.verify(longer) }
    var shorter = envelope
    shorter.payload = Data(Self.payload.dropLast()).base64EncodedString()
    #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) { try self.verify(shorter) }
  }

  @Test func everyPayloadBase64CharacterChangeFails() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
    let text = Array(envelope.payload)
    for index in text.indices {
      for replacement in alphabet where replacement != text[index] {
        var changed = text
        changed[index] = replacement
        var tampered = envelope
        tampered.payload = String(changed)
        // Non-canonical base64 that decodes to the same bytes is refused too.
        #expect(throws: ManifestError.self) { try self.verify(tampered) }
      }
    }
  }

  @Test func everySignatureByteChangeFails() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    let signature = try #require(Data(base64Encoded: envelope.signatures[0].sig))
    for index in signature.indices {
      for mask: UInt8 in [0x01, 0x80, 0xff] {
        var changed = signature
        changed[index] ^= mask
        var tampered = envelope
        tampered.signatures[0].sig = changed.base64EncodedString()
        #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) {
          try self.verify(tampered)
        }
      }
    }
    var truncated = envelope
    truncated.signatures[0].sig = signature.dropLast().base64EncodedString()
    #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) { try self.verify(truncated) }
    var notBase64 = envelope
    notBase64.signatures[0].sig = "%%%"
    #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) { try self.verify(notBase64) }
  }

  @Test func everyPayloadTypeByteChangeFails() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    let type = Array(Self.type.utf8)
    for index in type.indices {
      var changed = type
      changed[index] ^= 0x01
      let changedType = String(decoding: changed, as: UTF8.self)
      var tampered = envelope
      tampered.payloadType = changedType
      #expect(throws: ManifestError.wrongPayloadType(expected: Self.type, found: changedType)) {
        try self.verify(tampered)
      }
      // Even a verifier that expects the changed type rejects it: the type is signed.
      #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) {
        try DSSE.verify(
          envelopeBytes: try DSSE.encode(tampered), trusting: [self.key.publicKey],
          expectedPayloadType: changedType)
      }
    }
  }

  @Test func everyEnvelopeByteChangeFailsOrKeepsThePayload() throws {
    let bytes = try DSSE.encode(DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key))
    for index in bytes.indices {
      var changed = bytes
      changed[index] ^= 0x01
      if let verified = try? DSSE.verify(
        envelopeBytes: changed, trusting: [key.publicKey], expectedPayloadType: Self.type)
      {
        Issue.record("a change at byte \(index) verified")
        #expect(verified.payload == Self.payload)
      }
    }
  }

  // MARK: - Keys

  @Test func signatureByAnotherKeyNamesTheKeyIDs() throws {
    let other = SigningKey.generate()
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: other)
    do {
      _ = try verify(envelope)
      Issue.record("a signature by an untrusted key verified")
    } catch {
      #expect(error == .noTrustedSignature(found: [other.keyID], trusted: [key.keyID]))
      let message = try #require(error.errorDescription)
      #expect(message.contains(other.keyID))
      #expect(message.contains(key.keyID))
    }
  }

  @Test func signatureByAnotherKeyClaimingATrustedKeyIDFails() throws {
    var envelope = DSSE.sign(
      payload: Self.payload, payloadType: Self.type, key: SigningKey.generate())
    envelope.signatures[0].keyid = key.keyID
    #expect(throws: ManifestError.badSignature(keyIDs: [key.keyID])) { try self.verify(envelope) }
  }

  @Test func noSignaturesFails() throws {
    var envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    envelope.signatures = []
    #expect(throws: ManifestError.noTrustedSignature(found: [], trusted: [key.keyID])) {
      try self.verify(envelope)
    }
    #expect(throws: ManifestError.noTrustedSignature(found: [key.keyID], trusted: [])) {
      try DSSE.verify(
        envelopeBytes: try DSSE.encode(
          DSSE.sign(payload: Self.payload, payloadType: Self.type, key: self.key)),
        trusting: [], expectedPayloadType: Self.type)
    }
  }

  @Test func missingKeyIDReadsAsEmpty() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    let json =
      #"{"payloadType":"\#(Self.type)","payload":"\#(envelope.payload)","#
      + #""signatures":[{"sig":"\#(envelope.signatures[0].sig)"}]}"#
    #expect(throws: ManifestError.noTrustedSignature(found: [""], trusted: [key.keyID])) {
      try DSSE.verify(
        envelopeBytes: Array(json.utf8), trusting: [self.key.publicKey],
        expectedPayloadType: Self.type)
    }
  }

  // MARK: - Malformed envelopes

  @Test(arguments: [
    ("", "not JSON"),
    ("[]", "field (root) has the wrong type"),
    (#"{"payloadType":"t","signatures":[]}"#, "missing field payload"),
    (
      #"{"payloadType":"t","payload":"e30=","signatures":{}}"#,
      "field signatures has the wrong type"
    ),
    (
      #"{"payloadType":"t","payload":"e30=","signatures":[{"keyid":"k"}]}"#,
      "missing field signatures[0].sig"
    ),
    (#"{"payloadType":"t","payload":"e30","signatures":[]}"#, "payload is not standard base64"),
    (#"{"payloadType":"t","payload":"e3-_","signatures":[]}"#, "payload is not standard base64"),
    (#"{"payloadType":"t","payload":" e30=","signatures":[]}"#, "payload is not standard base64"),
  ])
  func malformedEnvelopes(_ json: String, _ reason: String) {
    #expect(throws: ManifestError.malformedEnvelope(reason: reason)) {
      try DSSE.verify(
        envelopeBytes: Array(json.utf8), trusting: [self.key.publicKey], expectedPayloadType: "t")
    }
  }

  @Test func errorMessagesNeverContainThePayload() throws {
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    var badSignature = envelope
    badSignature.payload = Data(Self.payload + [0x20]).base64EncodedString()
    var wrongType = envelope
    wrongType.payloadType = "text/plain"
    var notBase64 = envelope
    notBase64.payload = String(decoding: Self.payload, as: UTF8.self)
    let foreign = DSSE.sign(
      payload: Self.payload, payloadType: Self.type, key: SigningKey.generate())
    for tampered in [badSignature, wrongType, notBase64, foreign] {
      do {
        _ = try verify(tampered)
        Issue.record("a tampered envelope verified")
      } catch {
        let message = try #require(error.errorDescription)
        #expect(!message.contains("alice"))
        #expect(!message.contains(envelope.payload.prefix(12)))
      }
    }
  }

  @Test func hostilePayloadTypeIsEscapedAndCut() {
    let hostile = "\u{1b}[2J" + String(repeating: "x", count: 500)
    let message =
      ManifestError.wrongPayloadType(expected: Self.type, found: hostile)
      .errorDescription ?? ""
    #expect(!message.contains("\u{1b}"))
    #expect(message.count < 250)
  }

  private func verify(_ envelope: DSSEEnvelope) throws(ManifestError) -> VerifiedPayload {
    try DSSE.verify(
      envelopeBytes: try DSSE.encode(envelope), trusting: [key.publicKey],
      expectedPayloadType: Self.type)
  }
}
