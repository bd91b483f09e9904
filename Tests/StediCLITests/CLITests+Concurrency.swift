import Foundation
import StediAuditLog
import StediAuditTestSupport
import Testing

/// Two writers, and readers beside a writer, on one workspace: real processes of the built
/// binary. Waits on files the binary makes (`STEDI_AUDIT_PAUSE_AT`), never on timing; the
/// 60-second limits are hang guards only.
extension CLITests {
  /// A process started in the background; stderr goes to a file.
  struct Background {
    let process: Process
    let stderr: URL

    func finish() throws -> Result {
      process.waitUntilExit()
      let text = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
      return Result(status: process.terminationStatus, stdout: "", stderr: text)
    }
  }

  static func start(
    _ arguments: [String], environment: [String: String] = [:], in directory: TemporaryDirectory
  ) throws -> Background {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = testEnvironment(in: directory).merging(environment) { $1 }
    let stderr = directory.path("stderr-\(UUID().uuidString).txt")
    _ = FileManager.default.createFile(atPath: stderr.path, contents: Data())
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: stderr)
    try process.run()
    return Background(process: process, stderr: stderr)
  }

  /// The environment `launch` gives the binary, with the key folder in `directory`.
  static func testEnvironment(in directory: TemporaryDirectory) -> [String: String] {
    var base = ProcessInfo.processInfo.environment
    base["HOME"] = "/nonexistent/stedi-audit-test-home"
    base["XDG_CONFIG_HOME"] = nil
    return base.merging(keys(in: directory)) { $1 }
  }

  /// `launch` with the key folder in `directory`.
  static func launch(
    in directory: TemporaryDirectory, _ arguments: [String], environment: [String: String] = [:],
    executable: String? = nil
  ) throws -> Result {
    try launch(
      arguments, environment: keys(in: directory).merging(environment) { $1 },
      executable: executable)
  }

  /// Waits (hang guard: 60 s) until `file` exists.
  static func waitFor(_ file: URL) -> Bool {
    let deadline = Date().addingTimeInterval(60)
    while !FileManager.default.fileExists(atPath: file.path) {
      if Date() > deadline { return false }
      usleep(20_000)
    }
    return true
  }

  static func statuses(_ workspace: URL) throws -> [String] {
    let audit = try AuditLog(readingFrom: workspace.appendingPathComponent("audit/audit.sqlite"))
    return try audit.rows("SELECT status FROM run ORDER BY id").map { $0[0] ?? "" }
  }

  @Test func twoWritersOnOneWorkspace() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws").path
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace, "-q"]
      ).status == 0)
    let ml = URL(fileURLWithPath: workspace).appendingPathComponent(
      "curated/machine_learning_curated/part-00000.jsonl")
    let before = try Data(contentsOf: ml)
    let release = directory.path("release")
    let first = try Self.start(
      [
        "run", "--landing", Self.tiny.path, "--workspace", workspace, "--profile", "udacity-rubric",
        "-q",
      ],
      environment: [
        "STEDI_AUDIT_PAUSE_AT": "before-publish", "STEDI_AUDIT_PAUSE_UNTIL": release.path,
      ], in: directory)
    #expect(Self.waitFor(directory.path("release.paused")))

    // The second writer fails at once, naming the holder; nothing of it reaches the log.
    let second = try Self.launch(
      in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace, "-q"])
    #expect(second.status == 75)
    #expect(second.stderr.split(separator: "\n").count == 1)
    #expect(second.stderr.contains("workspace busy"))
    #expect(second.stderr.contains("pid \(first.process.processIdentifier) since 20"))
    let withdraw = try Self.launch(
      in: directory, ["withdraw", "--workspace", workspace, "--email", "ana.lee@test.com"])
    #expect(withdraw.status == 75)
    #expect(
      try Self.launch(in: directory, ["prune", "--workspace", workspace, "--keep", "1"]).status
        == 75)
    #expect(try Data(contentsOf: ml) == before, "the published run is intact")
    #expect(
      try Self.launch(in: directory, ["verify", "--workspace", workspace, "-q"]).status == 0,
      "readers take no lock")

    // A writer that waits runs after the first one.
    let waiting = try Self.start(
      ["run", "--landing", Self.tiny.path, "--workspace", workspace, "--wait", "60", "-q"],
      in: directory)
    _ = FileManager.default.createFile(atPath: release.path, contents: Data())
    let firstResult = try first.finish()
    let waitingResult = try waiting.finish()
    #expect(firstResult.status == 0, "\(firstResult.stderr)")
    #expect(waitingResult.status == 0, "\(waitingResult.stderr)")
    #expect(
      try Self.statuses(URL(fileURLWithPath: workspace)) == ["published", "published", "published"])
    #expect(try Data(contentsOf: ml) == before, "the last run is strict again, as the first")
    #expect(try Self.launch(in: directory, ["verify", "--workspace", workspace, "-q"]).status == 0)
  }

  @Test func aWriterHeldBySomeoneElseExits75WithOneLine() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"]
      ).status == 0)
    let fd = open(workspace.appendingPathComponent(".lock").path, O_RDWR)
    #expect(fd >= 0)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let text = "pid \(getpid()) since 2026-12-02T10:00:00Z\n"
    ftruncate(fd, 0)
    _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    let busy = try Self.launch(
      in: directory,
      ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--wait", "0.3"])
    #expect(busy.status == 75)
    #expect(
      busy.stderr
        == "error: \(workspace.path)/.lock: workspace busy: another writer holds the lock (pid \(getpid()) since 2026-12-02T10:00:00Z); retry later or pass --wait SECONDS\n"
    )
    flock(fd, LOCK_UN)
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"]
      ).status == 0)
  }

  /// Readers in a loop while runs, with publishing and pruning, go on beside them.
  @Test func readersInALoopBesideRunsNeverFail() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws").path
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace, "-q"]
      ).status == 0)
    let release = directory.path("release")
    // The writer stops once, mid-publish, until the readers have run at least once.
    let writer = try Self.start(
      [
        "run", "--landing", Self.tiny.path, "--workspace", workspace, "--profile", "udacity-rubric",
        "-q",
      ],
      environment: [
        "STEDI_AUDIT_PAUSE_AT": "after-publish", "STEDI_AUDIT_PAUSE_UNTIL": release.path,
      ], in: directory)
    #expect(Self.waitFor(directory.path("release.paused")))
    var failures: [String] = []
    var reads = 0
    var writers = [writer]
    var released = false
    while reads < 40 {
      for command in [["verify"], ["report", "--output", directory.path("r.md").path], ["check"]] {
        let result = try Self.launch(in: directory, command + ["--workspace", workspace, "-q"])
        reads += 1
        if result.status != 0 {
          failures.append(
            "\(command[0]) (\(result.status)): \(result.stdout.suffix(400)) \(result.stderr)")
        }
      }
      if !released {
        _ = FileManager.default.createFile(atPath: release.path, contents: Data())
        released = true
        for profile in ["strict", "udacity-rubric", "strict"] {
          writers.append(
            try Self.start(
              [
                "run", "--landing", Self.tiny.path, "--workspace", workspace, "--profile", profile,
                "--wait", "60", "-q",
              ], in: directory))
        }
      }
    }
    for background in writers {
      let result = try background.finish()
      #expect(result.status == 0, "\(result.stderr)")
    }
    #expect(failures.isEmpty, "\(failures)")
    #expect(try Self.statuses(URL(fileURLWithPath: workspace)).allSatisfy { $0 == "published" })
    #expect(
      try Self.launch(in: directory, ["verify", "--workspace", workspace, "--all", "-q"]).status
        == 0)
  }

  /// The probe: writers started together (two runs; a run and a withdrawal), five
  /// times. Each ends published or busy (75), never both "successful" with nothing published.
  @Test func writersStartedTogetherNeverLoseTheWorkspace() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"]
      ).status == 0)
    let run = ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"]
    let withdraw = ["withdraw", "--workspace", workspace.path, "--email", "gus@test.com", "-q"]
    for pair in [[run, run], [run, withdraw], [run, run], [withdraw, run], [run, run]] {
      let started = try pair.map { try Self.start($0, in: directory) }
      let results = try started.map { try $0.finish() }
      for result in results {
        #expect(result.status == 0 || result.status == 75, "\(result.stderr)")
      }
      #expect(results.contains { $0.status == 0 })
      let verify = try Self.launch(in: directory, ["verify", "--workspace", workspace.path])
      #expect(verify.status == 0, "\(verify.stdout)")
      let published = try FileManager.default.destinationOfSymbolicLink(
        atPath: workspace.appendingPathComponent("current").path)
      #expect(
        FileManager.default.fileExists(atPath: workspace.appendingPathComponent(published).path))
    }
  }
}
