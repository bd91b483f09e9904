import Crypto
import StediCore
import StediKeys
import Testing

/// A pseudonym's bytes and its text are one value: the first 128 bits of HMAC-SHA256 over the
/// domain-separated email key.
struct PseudonymizerTests {
  @Test func theDigestIsTheFirstHalfOfTheHMACAndItsTextTheHex() throws {
    let secret = (0..<32).map { UInt8($0) }
    let pseudonymizer = Pseudonymizer(key: try PseudonymKey(secret: secret))
    for emailKey in ["a@x.io", "", "émile@exemple.fr", String(repeating: "z", count: 300)] {
      var hmac = HMAC<SHA256>(key: SymmetricKey(data: secret))
      hmac.update(data: Array("stedi-audit/v1/email\u{0}".utf8) + Array(emailKey.utf8))
      let expected = Array(hmac.finalize()).prefix(16)
      let digest = pseudonymizer.pseudonymDigest(ofEmailKey: emailKey)
      #expect(digest.bytes == Array(expected))
      #expect(pseudonymizer.pseudonym(ofEmailKey: emailKey) == Hex.encode(expected))
      #expect(pseudonymizer.pseudonym(ofEmailKey: emailKey).count == 32)
    }
    #expect(pseudonymizer.pseudonymDigest(ofEmailKey: "a@x.io") != pseudonymizer.pseudonymDigest(ofEmailKey: "b@x.io"))
  }
}
