import Foundation
import Synchronization
import StediAuditTestSupport
import StediCore
import StediKeys
import Testing

struct SigningKeyTests {
  static let vectorSeed = Ed25519Vector.seed
  static let vectorPublic = Ed25519Vector.publicKey
  static let vectorSignature = Ed25519Vector.signature
  static let vectorPEM = Ed25519Vector.pem

  static func vectorKey() throws -> SigningKey {
    try SigningKey(seed: try #require(Hex.decode(vectorSeed)))
  }

  @Test func rfc8032Vector1() throws {
    let key = try Self.vectorKey()
    #expect(Hex.encode(key.publicKey.rawRepresentation) == Self.vectorPublic)
    let signature = key.sign([])
    #expect(signature.count == 64)
    #if os(Linux)
      // BoringSSL signs deterministically, as RFC 8032 specifies. (CryptoKit on Apple platforms
      // adds randomness, so there only verification is checked.)
      #expect(Hex.encode(signature) == Self.vectorSignature)
    #endif
    let expected = try #require(Hex.decode(Self.vectorSignature))
    #expect(key.publicKey.isValidSignature(expected, for: []))
    #expect(key.publicKey.isValidSignature(signature, for: []))
    #expect(!key.publicKey.isValidSignature(expected, for: [0]))
  }

  @Test func keyIDFormat() throws {
    let key = try Self.vectorKey()
    #expect(key.keyID == "ek-21fe31dfa154a261")
    #expect(key.publicKey.keyID == key.keyID)
    for _ in 0..<20 {
      let id = SigningKey.generate().keyID
      #expect(id.hasPrefix("ek-"))
      #expect(id.count == 19)
      #expect(Hex.decode(String(id.dropFirst(3))) != nil)
      #expect(id.lowercased() == id)
    }
  }

  @Test func generatedKeysDiffer() {
    #expect(SigningKey.generate().publicKey != SigningKey.generate().publicKey)
  }

  @Test func seedMustHave32Bytes() {
    #expect(throws: KeyError.invalidKey("an Ed25519 seed has 32 bytes")) {
      try SigningKey(seed: [UInt8](repeating: 1, count: 31))
    }
    #expect(throws: KeyError.self) { try PublicSigningKey(raw: [UInt8](repeating: 1, count: 33)) }
  }

  @Test func signatureOfWrongLengthIsInvalid() throws {
    let key = try Self.vectorKey()
    let signature = key.sign([1, 2, 3])
    #expect(!key.publicKey.isValidSignature(Array(signature.prefix(63)), for: [1, 2, 3]))
    #expect(!key.publicKey.isValidSignature(signature + [0], for: [1, 2, 3]))
    #expect(!key.publicKey.isValidSignature([], for: [1, 2, 3]))
  }

  @Test func pemMatchesTheStandardEncoding() throws {
    let key = try Self.vectorKey()
    #expect(key.publicKey.pem == Self.vectorPEM)
    #expect(try PublicSigningKey(pem: Self.vectorPEM) == key.publicKey)
  }

  @Test func pemRoundTrip() throws {
    for _ in 0..<20 {
      let key = SigningKey.generate().publicKey
      let parsed = try PublicSigningKey(pem: key.pem)
      #expect(parsed == key)
      #expect(parsed.keyID == key.keyID)
      #expect(parsed.pem == key.pem)
    }
  }

  @Test func pemAcceptsCRLFAndSurroundingText() throws {
    let crlf = Self.vectorPEM.replacingOccurrences(of: "\n", with: "\r\n")
    let text = "key of the audit team\r\n" + crlf
    #expect(try PublicSigningKey(pem: text).keyID == "ek-21fe31dfa154a261")
  }

  @Test(arguments: [
    "",
    "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
    "-----BEGIN PRIVATE KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
      + "-----END PRIVATE KEY-----\n",
    // X25519 (OID 1.3.101.110), not Ed25519.
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
      + "-----END PUBLIC KEY-----\n",
    // Truncated key.
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcH\n"
      + "-----END PUBLIC KEY-----\n",
    // Not base64.
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHUR*=\n"
      + "-----END PUBLIC KEY-----\n",
  ])
  func pemRejectsOtherText(_ text: String) {
    #expect(throws: KeyError.self) { try PublicSigningKey(pem: text) }
  }

  @Test func descriptionHidesTheSeed() throws {
    let key = try Self.vectorKey()
    var dumped = ""
    dump(key, to: &dumped)
    for text in [String(describing: key), String(reflecting: key), dumped] {
      #expect(text.contains("ek-21fe31dfa154a261"))
      #expect(!text.contains(Self.vectorSeed))
      #expect(!text.contains("baseKey"))
    }
  }

  // MARK: - Key files

  @Test func keyStoreCreatesKeyFilesWithModes() throws {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.path("keys"))
    let (key, created) = try store.signingKey()
    #expect(created)
    #expect(try mode(of: store.signingKeyURL) == 0o600)
    #expect(try mode(of: store.publicKeyURL) == 0o644)
    #expect(store.signingKeyURL.lastPathComponent == "signing.key")
    #expect(store.publicKeyURL.lastPathComponent == "signing.pub.pem")

    let body = try JSONSerialization.jsonObject(with: Data(contentsOf: store.signingKeyURL))
    let fields = try #require(body as? [String: String])
    #expect(fields["keyId"] == key.keyID)
    #expect(fields["type"] == "stedi-audit/signing-key/ed25519")
    let secret = try #require(fields["secret"])
    let seed = try #require(Data(base64Encoded: secret))
    #expect(try SigningKey(seed: Array(seed)).publicKey == key.publicKey)

    let pem = try String(contentsOf: store.publicKeyURL, encoding: .utf8)
    #expect(pem == key.publicKey.pem)
    #expect(try store.publicKey() == key.publicKey)
  }

  @Test func keyStoreReloadsTheSameKey() throws {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.url)
    let (first, _) = try store.signingKey()
    let (second, created) = try store.signingKey(createIfMissing: false)
    #expect(!created)
    #expect(second.publicKey == first.publicKey)
    #expect(first.publicKey.isValidSignature(second.sign([7]), for: [7]))
  }

  @Test func missingKeyIsNotCreatedWhenAskedNotTo() {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.url)
    #expect(throws: KeyError.unreadable(path: store.signingKeyURL.path, reason: "no such file")) {
      try store.signingKey(createIfMissing: false)
    }
    #expect(!FileManager.default.fileExists(atPath: store.signingKeyURL.path))
  }

  @Test func refusesASigningKeyReadableByOthers() throws {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.url)
    _ = try store.signingKey()
    let secret = try String(contentsOf: store.signingKeyURL, encoding: .utf8)
    #expect(chmod(store.signingKeyURL.path, 0o644) == 0)
    do {
      _ = try store.signingKey()
      Issue.record("a mode-0644 signing.key was accepted")
    } catch {
      #expect(error == .badPermissions(path: store.signingKeyURL.path))
      let message = error.localizedDescription
      #expect(message.contains("signing.key"))
      #expect(message.contains("chmod 600"))
      #expect(!message.contains(secret))
    }
    #expect(chmod(store.signingKeyURL.path, 0o640) == 0)
    #expect(throws: KeyError.badPermissions(path: store.signingKeyURL.path)) {
      try store.signingKey()
    }
  }

  @Test func rewritesAMissingPublicKeyFile() throws {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.url)
    let (key, _) = try store.signingKey()
    try FileManager.default.removeItem(at: store.publicKeyURL)
    _ = try store.signingKey()
    #expect(try store.publicKey() == key.publicKey)
    #expect(try mode(of: store.publicKeyURL) == 0o644)
  }

  @Test func refusesAPublicKeyFileOfAnotherKey() throws {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.url)
    _ = try store.signingKey()
    try Data(SigningKey.generate().publicKey.pem.utf8).write(to: store.publicKeyURL)
    #expect(throws: KeyError.self) { try store.signingKey() }
  }

  @Test func corruptKeyFileNamesTheFileOnly() throws {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.url)
    _ = try store.signingKey()
    let text = try String(contentsOf: store.signingKeyURL, encoding: .utf8)
    let corrupt = text.replacingOccurrences(of: "\"secret\" : \"", with: "\"secret\" : \"A")
    #expect(corrupt != text)
    try Data(corrupt.utf8).write(to: store.signingKeyURL)
    #expect(chmod(store.signingKeyURL.path, 0o600) == 0)
    #expect(
      throws: KeyError.unreadable(
        path: store.signingKeyURL.path, reason: "not a stedi-audit signing key file")
    ) { try store.signingKey() }
  }

  @Test func publicKeyFileErrors() throws {
    let directory = TemporaryDirectory()
    let store = KeyStore(directory: directory.url)
    #expect(throws: KeyError.self) { try store.publicKey() }
    try Data("not a key".utf8).write(to: store.publicKeyURL)
    #expect(
      throws: KeyError.unreadable(
        path: store.publicKeyURL.path, reason: "not an Ed25519 public key PEM")
    ) { try store.publicKey() }
  }

  @Test func concurrentFirstUsesOfOneKeyFolderAgreeOnOneKey() throws {
    // Two first runs of two workspaces sharing a key folder: the loser must take the winner's
    // key, never replace it (a replaced pseudonym key would orphan a workspace's pseudonyms).
    for _ in 0..<10 {
      let directory = TemporaryDirectory()
      let store = KeyStore(directory: directory.path("keys"))
      let pseudonyms = Mutex<Set<String>>([])
      let signers = Mutex<Set<String>>([])
      let failures = Mutex<Int>(0)
      DispatchQueue.concurrentPerform(iterations: 6) { _ in
        do {
          let pseudonym = try store.pseudonymKey().0.keyID
          let signer = try store.signingKey().0.publicKey.keyID
          pseudonyms.withLock { _ = $0.insert(pseudonym) }
          signers.withLock { _ = $0.insert(signer) }
        } catch {
          failures.withLock { $0 += 1 }
        }
      }
      #expect(failures.withLock { $0 } == 0)
      #expect(pseudonyms.withLock { $0 } == [try store.pseudonymKey(createIfMissing: false).0.keyID])
      #expect(signers.withLock { $0 } == [try store.publicKey().keyID])
    }
  }

  @Test func keyFoldersAndPublicKeysOthersCanWriteAreRefusedUnlessAllowed() throws {
    let directory = TemporaryDirectory()
    let folder = directory.path("keys")
    let store = KeyStore(directory: folder)
    let (key, _) = try store.signingKey()
    #expect(try mode(of: folder) == 0o700)
    #expect(chmod(folder.path, 0o770) == 0)
    #expect(throws: KeyError.writableByOthers(path: folder.path, isDirectory: true)) { try store.signingKey() }
    #expect(throws: KeyError.writableByOthers(path: folder.path, isDirectory: true)) { try store.pseudonymKey() }
    #expect(try KeyStore(directory: folder, allowInsecure: true).signingKey().1 == false)
    #expect(chmod(folder.path, 0o700) == 0)
    #expect(chmod(store.publicKeyURL.path, 0o646) == 0)
    #expect(throws: KeyError.writableByOthers(path: store.publicKeyURL.path, isDirectory: false)) { try store.publicKey() }
    #expect(try KeyStore(directory: folder, allowInsecure: true).publicKey() == key.publicKey)
  }

  private func mode(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return try #require(attributes[.posixPermissions] as? NSNumber).intValue & 0o777
  }
}
