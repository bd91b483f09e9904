import Foundation
import StediAuditKit
import StediAuditTestSupport
import Testing

/// The signed predicate follows `docs/run-predicate.schema.json` (checked with Python's
/// `jsonschema`, installed by the test if missing).
struct ManifestSchemaTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func python(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func predicateMatchesTheDocumentedSchema(_ profile: String) throws {
    if try Self.python(["-c", "import jsonschema"]).0 != 0 {
      _ = try Self.python(["-m", "pip", "install", "--quiet", "jsonschema"])
    }
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let (logger, _) = TestLogging.make()
    let summary = try Toolkit.run(
      RunRequest(landing: landing, workspace: directory.path("ws"), profile: profile, keysDirectory: directory.path("keys")), logger: logger).summary
    let manifest = try #require(summary.manifest)
    let script = """
      import base64, json, sys, jsonschema
      envelope = json.load(open(sys.argv[1]))
      statement = json.loads(base64.b64decode(envelope["payload"]))
      assert statement["_type"] == "https://in-toto.io/Statement/v1"
      assert statement["predicateType"] == "https://stedi-audit.dev/attestations/run/v1"
      assert len(statement["subject"]) == 8
      jsonschema.validate(statement["predicate"], json.load(open(sys.argv[2])))
      print("valid", statement["predicate"]["audit"]["movements"])
      """
    let (status, output) = try Self.python(["-c", script, manifest, Self.repository.appendingPathComponent("docs/run-predicate.schema.json").path])
    #expect(status == 0, "\(output)")
    #expect(output.hasPrefix("valid \(summary.movements)"))
  }
}
