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

  /// Runs the binary. The default key folder is never the user's: `HOME` points nowhere, so a
  /// test that needs keys passes `keys(in:)` (a temporary key folder) in `environment`.
  static func launch(_ arguments: [String], environment: [String: String] = [:], executable: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? binary
    process.arguments = arguments
    var base = ProcessInfo.processInfo.environment
    base["HOME"] = "/nonexistent/stedi-audit-test-home"
    base["XDG_CONFIG_HOME"] = nil
    base["STEDI_AUDIT_KEYS"] = nil
    process.environment = base.merging(environment) { $1 }
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

  /// An environment whose default key folder is `directory`/keys.
  static func keys(in directory: TemporaryDirectory) -> [String: String] {
    ["STEDI_AUDIT_KEYS": directory.path("keys").path]
  }

  @Test func runParsesItsOptions() throws {
    let command = try StediAuditCommand.parseAsRoot([
      "run", "--landing", "in", "--workspace", "ws", "--profile", "udacity-rubric", "--json",
    ])
    let run = try #require(command as? StediAuditCommand.Run)
    #expect(run.input.landing == "in")
    #expect(run.input.profile == "udacity-rubric")
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
    for command in ["demo", "generate", "run", "verify", "check", "trace", "withdraw", "report", "keys", "policy"] {
      #expect(listed.contains(command), "\(command)")
    }
  }

  @Test func verifyCheckAndKeysSpeakInExitCodes() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    #expect(try Self.launch(["verify", "--workspace", workspace.path], environment: Self.keys(in: directory)).status == 66)
    #expect(try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"], environment: Self.keys(in: directory)).status == 0)
    let verified = try Self.launch(["verify", "--workspace", workspace.path], environment: Self.keys(in: directory))
    #expect(verified.status == 0)
    #expect(verified.stdout.contains("✓ manifest signatures"))
    let keys = try Self.launch(["keys", "show", "--workspace", workspace.path], environment: Self.keys(in: directory))
    #expect(keys.status == 0)
    #expect(keys.stdout.contains("-----BEGIN PUBLIC KEY-----"))
    let junit = directory.path("check.xml")
    let passed = try Self.launch(["check", "--workspace", workspace.path, "--junit", junit.path], environment: Self.keys(in: directory))
    #expect(passed.status == 0)
    #expect(try String(contentsOf: junit, encoding: .utf8).contains(#"failures="0""#))
    try "{}\n".write(to: workspace.appendingPathComponent("curated/extra.jsonl"), atomically: true, encoding: .utf8)
    let tampered = try Self.launch(["verify", "--workspace", workspace.path], environment: Self.keys(in: directory))
    #expect(tampered.status == 1)
    #expect(tampered.stdout.contains("✗ published files match the signed manifest"))
    #expect(try Self.launch(["check", "--workspace", workspace.path], environment: Self.keys(in: directory)).status == 2)
    let bad = directory.path("bad.pem")
    try "not a key".write(to: bad, atomically: true, encoding: .utf8)
    #expect(try Self.launch(["verify", "--workspace", workspace.path, "--public-key", bad.path], environment: Self.keys(in: directory)).status == 78)
    #expect(try Self.launch(["trace", "--workspace", workspace.path], environment: Self.keys(in: directory)).status == 64)
  }

  @Test func keysLiveOutsideTheWorkspaceAndVerifySaysWhichItTrusted() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    let keys = Self.keys(in: directory)
    let run = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path], environment: keys)
    #expect(run.status == 0)
    #expect(run.stderr.contains("created signing key \(directory.path("keys").path)/signing.key"))
    let head = try #require(run.stdout.split(separator: "\n").last.map(String.init))
    #expect(head.hasPrefix("audit head: sha256:") && head.count == "audit head: sha256:".count + 64)
    let quiet = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"], environment: keys)
    #expect(quiet.stdout.hasPrefix("audit head: sha256:") && quiet.stdout.split(separator: "\n").count == 1)
    let json = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--json"], environment: keys)
    #expect(json.stdout.contains(#""auditHead" : "sha256:"#))
    let latest = String(quiet.stdout.dropFirst("audit head: ".count).prefix(71))

    let unpinned = try Self.launch(["verify", "--workspace", workspace.path], environment: keys)
    #expect(unpinned.status == 0)
    #expect(unpinned.stdout.contains("warning: trusted the workspace's own key ek-"))
    let unpinnedJSON = try Self.launch(["verify", "--workspace", workspace.path, "--json"], environment: keys)
    #expect(unpinnedJSON.stdout.contains(#""source" : "workspace""#))
    #expect(unpinnedJSON.stderr.hasPrefix("warning: trusted the workspace's own key"))
    let pem = directory.path("keys/signing.pub.pem").path
    let pinned = try Self.launch(["verify", "--workspace", workspace.path, "--public-key", pem, "--expect-head", latest], environment: keys)
    #expect(pinned.status == 0, "\(pinned.stdout)")
    #expect(pinned.stdout.contains("(--public-key \(pem))"))
    #expect(!pinned.stdout.contains("warning:"))
    #expect(pinned.stdout.contains("✓ audit chain contains the expected head"))
    let unknown = "sha256:" + String(repeating: "0", count: 64)
    let rolledBack = try Self.launch(["verify", "--workspace", workspace.path, "--expect-head", unknown], environment: keys)
    #expect(rolledBack.status == 1)
    #expect(rolledBack.stdout.contains("✗ audit chain contains the expected head"))
    #expect(try Self.launch(["verify", "--workspace", workspace.path, "--expect-head", "sha256:12"], environment: keys).status == 64)

    #expect(chmod(workspace.appendingPathComponent("keys").path, 0o777) == 0)
    let loose = try Self.launch(["verify", "--workspace", workspace.path], environment: keys)
    #expect(loose.status == 78)
    #expect(loose.stderr == "error: \(workspace.path)/keys: key folder is writable by group or others; run 'chmod 700' on it (or pass --allow-insecure-keys)\n")
    #expect(try Self.launch(["verify", "--workspace", workspace.path, "--allow-insecure-keys"], environment: keys).status == 0)
    #expect(chmod(workspace.appendingPathComponent("keys").path, 0o755) == 0)
    #expect(chmod(directory.path("keys").path, 0o777) == 0)
    let looseFolder = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path], environment: keys)
    #expect(looseFolder.status == 78)
    #expect(looseFolder.stderr.split(separator: "\n").count == 1)
    #expect(looseFolder.stderr.contains(directory.path("keys").path))
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
    let result = try Self.launch(["run", "--landing", directory.path("nowhere").path, "--workspace", directory.path("ws").path], environment: Self.keys(in: directory))
    #expect(result.status == 66)
    #expect(result.stderr.hasPrefix("error: "))
    #expect(result.stderr.contains("nowhere: no such landing directory"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func invalidPolicyExitsWith78NamingFileAndLine() throws {
    let directory = TemporaryDirectory()
    let policy = directory.path("bad.yaml")
    try "policy: bad\nversion: 1\nconsent: {field: nope, applies: whenever_present}\n".write(to: policy, atomically: true, encoding: .utf8)
    let result = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", directory.path("ws").path, "--policy", policy.path], environment: Self.keys(in: directory))
    #expect(result.status == 78)
    #expect(result.stderr.contains("bad.yaml:3: 'consent.field'"))
  }

  @Test func failOnQuarantineExitsWith65AndLogsNoIdentity() throws {
    let directory = TemporaryDirectory()
    let result = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", directory.path("ws").path, "--fail-on-quarantine", "--verbose"], environment: Self.keys(in: directory))
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
    let first = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--json"], environment: Self.keys(in: directory))
    #expect(first.status == 0)
    let ml = workspace.appendingPathComponent("curated/machine_learning_curated/part-00000.jsonl")
    let before = try Data(contentsOf: ml)
    let killed = try Self.launch(
      ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--profile", "udacity-rubric"],
      environment: Self.keys(in: directory).merging(["STEDI_AUDIT_CRASH_AT": point]) { $1 })
    #expect(killed.status != 0)
    #expect(try Data(contentsOf: ml) == before)
    let next = try Self.launch(["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--profile", "udacity-rubric"], environment: Self.keys(in: directory))
    #expect(next.status == 0)
    #expect(next.stderr.contains("interrupted"))
    #expect(try Data(contentsOf: ml) != before)
  }
}
