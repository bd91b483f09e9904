import Foundation
import StediAuditTestSupport
import StediCore
import StediKeys
import StediManifest
import Testing

/// Checks our Ed25519 keys, signatures and DSSE envelopes with independent tools: OpenSSL's
/// command line, Python's `cryptography`, and the shell commands of `docs/verifying-signatures.md`.
///
/// The tools are installed when missing (`apt-get`, `pip`); a test fails if that does not work.
@Suite(.serialized)
struct InteropTests {
  static let type = "application/vnd.in-toto+json"
  static let payload =
    Array(
      #"{"_type":"https://in-toto.io/Statement/v1","name":"café/läufer","n":1}"#.utf8) + [0x0a]

  // MARK: - Raw signatures

  @Test func signatureVerifiesWithOpenSSLAndPython() throws {
    try Self.requireOpenSSL()
    try Self.requirePythonCryptography()
    let directory = TemporaryDirectory()
    let key = SigningKey.generate()
    let pae = DSSE.pae(payloadType: Self.type, payload: Self.payload)
    try Data(pae).write(to: directory.path("pae.bin"))
    try Data(key.sign(pae)).write(to: directory.path("sig.bin"))
    try Data(key.publicKey.pem.utf8).write(to: directory.path("pub.pem"))
    var tampered = pae
    tampered[tampered.count - 3] ^= 0x01
    try Data(tampered).write(to: directory.path("tampered.bin"))
    var tamperedType = pae
    tamperedType[12] ^= 0x01  // inside the payload type
    try Data(tamperedType).write(to: directory.path("tampered-type.bin"))

    let good = try Self.openSSLVerify(pae: "pae.bin", in: directory)
    #expect(good.status == 0, "openssl: \(good.output)")
    #expect(good.output.contains("Signature Verified Successfully"))
    let python = try Self.pythonVerify(pae: "pae.bin", in: directory)
    #expect(python.status == 0, "python: \(python.output)")

    for file in ["tampered.bin", "tampered-type.bin"] {
      let openssl = try Self.openSSLVerify(pae: file, in: directory)
      #expect(openssl.status != 0, "openssl accepted \(file)")
      #expect(openssl.output.contains("Signature Verification Failure"))
      let python = try Self.pythonVerify(pae: file, in: directory)
      #expect(python.status != 0, "python accepted \(file)")
      #expect(python.output.contains("InvalidSignature"))
    }
  }

  /// OpenSSL derives the same public key PEM from the RFC 8032 seed and, like us, signs
  /// deterministically.
  @Test func openSSLDerivesTheSameKeyAndSignature() throws {
    try Self.requireOpenSSL()
    let directory = TemporaryDirectory()
    let seed = try #require(Hex.decode(Ed25519Vector.seed))
    let key = try SigningKey(seed: seed)
    // PKCS #8 PrivateKeyInfo of an Ed25519 seed (RFC 8410).
    let pkcs8 = try #require(Hex.decode("302e020100300506032b657004220420")) + seed
    try Data(pkcs8).write(to: directory.path("private.der"))
    let pae = DSSE.pae(payloadType: Self.type, payload: Self.payload)
    try Data(pae).write(to: directory.path("pae.bin"))

    let pub = try Self.run(
      ["openssl", "pkey", "-inform", "DER", "-in", "private.der", "-pubout"], in: directory.url)
    #expect(pub.status == 0, "\(pub.output)")
    #expect(pub.stdout == key.publicKey.pem)
    #expect(pub.stdout == Ed25519Vector.pem)

    let signed = try Self.run(
      [
        "openssl", "pkeyutl", "-sign", "-inkey", "private.der", "-keyform", "DER", "-rawin",
        "-in", "pae.bin", "-out", "openssl-sig.bin",
      ], in: directory.url)
    #expect(signed.status == 0, "\(signed.output)")
    let theirs = try Array(Data(contentsOf: directory.path("openssl-sig.bin")))
    #expect(key.publicKey.isValidSignature(theirs, for: pae))
    #if os(Linux)
      #expect(theirs == key.sign(pae))
    #endif
  }

  // MARK: - The documented commands

  @Test(arguments: ["verify-openssl", "verify-jq"])
  func documentedShellCommandsVerifyAManifest(_ block: String) throws {
    try Self.requireOpenSSL()
    try Self.requirePythonCryptography()
    if block == "verify-jq" { try Self.requireTool("jq", package: "jq") }
    let script = try Self.documentedBlock(block)
    let workspace = TemporaryDirectory()
    let key = SigningKey.generate()
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)

    let good = try Self.runDocumented(
      script, envelope: envelope, publicKey: key.publicKey,
      in: workspace)
    #expect(good.status == 0, "\(good.output)")
    #expect(good.output.contains("Signature Verified Successfully"))
    if block == "verify-openssl" {
      #expect(good.stdout.contains("public key id: \(key.keyID)"))
      let line = try #require(
        good.stdout.split(separator: "\n").first { $0.hasPrefix("verified statement: ") })
      let statement = String(line.dropFirst("verified statement: ".count))
      #expect(try Array(Data(contentsOf: URL(fileURLWithPath: statement))) == Self.payload)
    }

    for (tampered, badSignature) in Self.tamperedEnvelopes(of: envelope) {
      let result = try Self.runDocumented(
        script, envelope: tampered, publicKey: key.publicKey,
        in: workspace)
      #expect(result.status != 0, "the documented commands accepted a tampered envelope")
      #expect(!result.output.contains("Signature Verified Successfully"))
      let reason = badSignature ? "Signature Verification Failure" : "unexpected payloadType"
      #expect(result.output.contains(reason), "\(result.output)")
    }
    let foreign = DSSE.sign(
      payload: Self.payload, payloadType: Self.type, key: SigningKey.generate())
    let result = try Self.runDocumented(
      script, envelope: foreign, publicKey: key.publicKey,
      in: workspace)
    #expect(result.status != 0, "the documented commands accepted another key's signature")
    if block == "verify-openssl" { #expect(result.stderr.contains("no signature by \(key.keyID)")) }
  }

  @Test func documentedPythonScriptVerifiesAManifest() throws {
    try Self.requirePythonCryptography()
    let script = try Self.documentedBlock("verify-python")
    let workspace = TemporaryDirectory()
    try Data(script.utf8).write(to: workspace.path("verify_dsse.py"))
    let key = SigningKey.generate()
    try Data(key.publicKey.pem.utf8).write(to: workspace.path("signing.pub.pem"))
    let envelope = DSSE.sign(payload: Self.payload, payloadType: Self.type, key: key)
    try Self.writeManifest(envelope, in: workspace)
    let arguments = ["python3", "verify_dsse.py", "manifests/x.dsse.json", "signing.pub.pem"]

    let good = try Self.run(arguments + ["--print"], in: workspace.url)
    #expect(good.status == 0, "\(good.output)")
    #expect(Array(good.stdout.utf8) == Self.payload)
    #expect(good.stderr.contains("public key id: \(key.keyID)"))

    for (tampered, badSignature) in Self.tamperedEnvelopes(of: envelope) {
      try Self.writeManifest(tampered, in: workspace)
      let result = try Self.run(arguments, in: workspace.url)
      #expect(result.status != 0, "the documented script accepted a tampered envelope")
      let reason = badSignature ? "BAD signature" : "unexpected payloadType"
      #expect(result.stderr.contains(reason), "\(result.output)")
    }
    let foreignKey = SigningKey.generate()
    try Self.writeManifest(
      DSSE.sign(payload: Self.payload, payloadType: Self.type, key: foreignKey), in: workspace)
    let foreign = try Self.run(arguments, in: workspace.url)
    #expect(foreign.status != 0)
    #expect(foreign.stderr.contains("no signature by \(key.keyID)"))
    #expect(foreign.stderr.contains(foreignKey.keyID))
  }

  // MARK: - Helpers

  /// A changed payload byte, payload type and signature byte, each keeping the rest, with
  /// whether the signature check (rather than the payload type check) should catch it.
  static func tamperedEnvelopes(
    of envelope: DSSEEnvelope
  ) -> [(envelope: DSSEEnvelope, badSignature: Bool)] {
    var payload = Self.payload
    payload[5] ^= 0x01
    var changedPayload = envelope
    changedPayload.payload = Data(payload).base64EncodedString()
    var changedType = envelope
    changedType.payloadType = "application/vnd.in-toto+jsoN"
    var changedSignature = envelope
    var signature = Data(base64Encoded: envelope.signatures[0].sig) ?? Data()
    if !signature.isEmpty { signature[0] ^= 0x01 }
    changedSignature.signatures[0].sig = signature.base64EncodedString()
    return [(changedPayload, true), (changedType, false), (changedSignature, true)]
  }

  static func writeManifest(_ envelope: DSSEEnvelope, in workspace: TemporaryDirectory) throws {
    let manifests = workspace.path("manifests")
    try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
    try Data(try DSSE.encode(envelope)).write(to: manifests.appendingPathComponent("x.dsse.json"))
  }

  /// Runs a documented shell block with `bash -c`, as a compliance officer would paste it.
  static func runDocumented(
    _ script: String, envelope: DSSEEnvelope, publicKey: PublicSigningKey,
    in workspace: TemporaryDirectory
  ) throws -> ProcessResult {
    try writeManifest(envelope, in: workspace)
    let pem = workspace.path("signing.pub.pem")
    try Data(publicKey.pem.utf8).write(to: pem)
    // TMPDIR keeps `mktemp -d` inside the test's directory.
    let variables = [
      "WORKSPACE": workspace.url.path, "RUN_ID": "x", "PUBKEY": pem.path,
      "TMPDIR": workspace.url.path,
    ]
    return try run(["bash", "-c", script], in: workspace.url, environment: variables)
  }

  /// The code block that follows `<!-- tested: <name> ` in docs/verifying-signatures.md.
  static func documentedBlock(_ name: String) throws -> String {
    let docs = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/verifying-signatures.md")
    let lines = try String(contentsOf: docs, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    let marker = try #require(
      lines.firstIndex { $0.hasPrefix("<!-- tested: \(name) ") }, "no block \(name) in \(docs.path)"
    )
    let open = try #require(lines[marker...].firstIndex { $0.hasPrefix("```") })
    let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") })
    return lines[(open + 1)..<close].joined(separator: "\n") + "\n"
  }

  static func openSSLVerify(pae: String, in directory: TemporaryDirectory) throws -> ProcessResult {
    try run(
      [
        "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", pae,
        "-sigfile", "sig.bin",
      ], in: directory.url)
  }

  static func pythonVerify(pae: String, in directory: TemporaryDirectory) throws -> ProcessResult {
    let code = """
      import sys
      from cryptography.hazmat.primitives.serialization import load_pem_public_key
      key = load_pem_public_key(open("pub.pem", "rb").read())
      key.verify(open("sig.bin", "rb").read(), open(sys.argv[1], "rb").read())
      """
    return try run(["python3", "-c", code, pae], in: directory.url)
  }

  // MARK: - Tools

  static func requireOpenSSL() throws {
    try requireTool("openssl", package: "openssl")
    let version = try run(["openssl", "version"])
    // `pkeyutl -rawin` (needed for Ed25519) came with OpenSSL 3.0.
    try #require(
      version.stdout.hasPrefix("OpenSSL 3") || version.stdout.hasPrefix("OpenSSL 4"),
      "openssl pkeyutl -rawin needs OpenSSL 3; found \(version.stdout)")
  }

  /// Installs `package` with apt-get if `tool` is not on the PATH; fails if it still isn't.
  static func requireTool(_ tool: String, package: String) throws {
    if try run(["sh", "-c", "command -v \(tool)"]).status == 0 { return }
    var install = try run(["apt-get", "install", "-y", package])
    if install.status != 0 {
      _ = try run(["apt-get", "update"])
      install = try run(["apt-get", "install", "-y", package])
    }
    let found = try run(["sh", "-c", "command -v \(tool)"]).status == 0
    try #require(
      found,
      "\(tool) is not installed and `apt-get install -y \(package)` failed: \(install.output)")
  }

  /// Installs Python's `cryptography` with pip if it can't be imported; fails if it still can't.
  static func requirePythonCryptography() throws {
    let python = try run(["sh", "-c", "command -v python3"])
    try #require(python.status == 0, "python3 is not on the PATH")
    if try run(["python3", "-c", "import cryptography"]).status == 0 { return }
    let install = try run(["python3", "-m", "pip", "install", "--quiet", "cryptography"])
    let found = try run(["python3", "-c", "import cryptography"]).status == 0
    try #require(
      found,
      "Python's cryptography can't be imported and pip install failed: \(install.output)")
  }

  struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var output: String { stdout + stderr }
  }

  /// Runs a command found on the PATH; stdout and stderr go to files, so no pipe can fill up.
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
  ) throws -> ProcessResult {
    let scratch = TemporaryDirectory("stedi-audit-process")
    let outURL = scratch.path("stdout")
    let errURL = scratch.path("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return ProcessResult(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}
