import ArgumentParser
import Foundation
import StediAuditTestSupport
import Testing

@testable import stedi_audit

/// The command line: parsing, help, exit codes, and a real process killed mid-run.
struct CLITests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let tiny = repository.appendingPathComponent("Tests/StediAuditKitTests/Fixtures/tiny")

  /// The built `stedi-audit` binary, next to the test bundle.
  static var binary: URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("stedi-audit").path),
      directory.path != "/"
    {
      directory.deleteLastPathComponent()
    }
    return directory.appendingPathComponent("stedi-audit")
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  @Test func runParsesItsOptions() throws {
    let command = try StediAuditCommand.parseAsRoot([
      "run", "--landing", "in", "--workspace", "ws", "--profile", "udacity-rubric", "--json",
    ])
    let run = try #require(command as? StediAuditCommand.Run)
    #expect(run.landing == "in")
    #expect(run.profile == "udacity-rubric")
    #expect(run.json)
    #expect(run.keepRuns == 1)
  }

  @Test func conflictingOrUnknownProfilesAreUsageErrors() {
    #expect(throws: (any Error).self) {
      try StediAuditCommand.parseAsRoot(["run", "--landing", "a", "--workspace", "b", "--profile", "lenient"])
    }
    #expect(throws: (any Error).self) {
      try StediAuditCommand.parseAsRoot(["run", "--landing", "a", "--workspace", "b", "--profile", "strict", "--policy", "p.yaml"])
    }
  }

  @Test func helpListsTheCommandsAndExitCodes() {
    let help = StediAuditCommand.helpMessage()
    for needle in ["  run ", "  64  usage error", "  66  missing input", "  78  bad configuration"] {
      #expect(help.contains(needle), "\(needle)")
    }
    let runHelp = StediAuditCommand.helpMessage(for: StediAuditCommand.Run.self)
    #expect(runHelp.contains("--landing <landing>"))
    #expect(runHelp.contains("--fail-on-quarantine"))
  }

  @Test func rootHelpListsEverySubcommand() {
    let help = StediAuditCommand.helpMessage()
    let listed = help.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
      .compactMap { $0.split(separator: " ").first.map(String.init) }
    for command in ["demo", "generate", "run", "verify", "check", "trace", "withdraw", "report", "keys"] {
      #expect(listed.contains(command), "\(command)")
    }
  }

  @Test func verifyCheckAndKeysSpeakInExitCodes() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    #expect(try Self.launch(["verify", "--workspace", workspace.path]).status == 66)
    #expect(try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"]).status == 0)
    let verified = try Self.launch(["verify", "--workspace", workspace.path])
    #expect(verified.status == 0)
    #expect(verified.stdout.contains("✓ manifest signatures"))
    let keys = try Self.launch(["keys", "show", "--workspace", workspace.path])
    #expect(keys.status == 0)
    #expect(keys.stdout.contains("-----BEGIN PUBLIC KEY-----"))
    let junit = directory.path("check.xml")
    let passed = try Self.launch(["check", "--workspace", workspace.path, "--junit", junit.path])
    #expect(passed.status == 0)
    #expect(try String(contentsOf: junit, encoding: .utf8).contains(#"failures="0""#))
    try "{}\n".write(to: workspace.appendingPathComponent("curated/extra.jsonl"), atomically: true, encoding: .utf8)
    let tampered = try Self.launch(["verify", "--workspace", workspace.path])
    #expect(tampered.status == 1)
    #expect(tampered.stdout.contains("✗ published files match the signed manifest"))
    #expect(try Self.launch(["check", "--workspace", workspace.path]).status == 2)
    let bad = directory.path("bad.pem")
    try "not a key".write(to: bad, atomically: true, encoding: .utf8)
    #expect(try Self.launch(["verify", "--workspace", workspace.path, "--public-key", bad.path]).status == 78)
    #expect(try Self.launch(["trace", "--workspace", workspace.path]).status == 64)
  }

  @Test func foundationFileErrorsAreIOErrorsWithoutFoundationText() {
    let error = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/out/report.md"])
    let (code, message) = ExitCodes.classify(error)
    #expect(code == ExitCodes.ioError)
    #expect(message.hasPrefix("/out/report.md: "))
    #expect(!message.contains("Domain") && !message.contains("could not be completed"), "\(message)")
  }

  @Test func missingLandingExitsWith66AndOneLine() throws {
    let directory = TemporaryDirectory()
    let result = try Self.launch(["run", "--landing", directory.path("nowhere").path, "--workspace", directory.path("ws").path])
    #expect(result.status == 66)
    #expect(result.stderr.hasPrefix("error: "))
    #expect(result.stderr.contains("nowhere: no such landing directory"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func invalidPolicyExitsWith78NamingFileAndLine() throws {
    let directory = TemporaryDirectory()
    let policy = directory.path("bad.yaml")
    try "policy: bad\nversion: 1\nconsent: {field: nope, applies: whenever_present}\n".write(to: policy, atomically: true, encoding: .utf8)
    let result = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", directory.path("ws").path, "--policy", policy.path])
    #expect(result.status == 78)
    #expect(result.stderr.contains("bad.yaml:3: 'consent.field'"))
  }

  @Test func failOnQuarantineExitsWith65AndLogsNoIdentity() throws {
    let directory = TemporaryDirectory()
    let result = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", directory.path("ws").path, "--fail-on-quarantine", "--verbose"])
    #expect(result.status == 65)
    #expect(result.stdout.contains("customer_trusted"))
    let everything = result.stdout + result.stderr
    for identity in ["ana.lee@test.com", "Ana Lee", "8015550101", "1960-01-01", "Gus@Test.com"] {
      #expect(!everything.contains(identity))
    }
  }

  @Test(arguments: ["during-readings", "before-publish"])
  func aKilledRunLeavesThePreviousOutputsIntact(_ point: String) throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    let first = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--json"])
    #expect(first.status == 0)
    let ml = workspace.appendingPathComponent("curated/machine_learning_curated/part-00000.jsonl")
    let before = try Data(contentsOf: ml)
    let killed = try Self.launch(
      ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--profile", "udacity-rubric"],
      environment: ["STEDI_AUDIT_CRASH_AT": point])
    #expect(killed.status != 0)
    #expect(try Data(contentsOf: ml) == before)
    let next = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--profile", "udacity-rubric"])
    #expect(next.status == 0)
    #expect(next.stderr.contains("interrupted"))
    #expect(try Data(contentsOf: ml) != before)
  }
}
