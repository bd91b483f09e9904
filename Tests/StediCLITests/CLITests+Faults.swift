import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import Testing

/// SIGKILL at every checkpoint of `run`, `withdraw` and `prune`, through the real binary; and
/// the readers on a read-only copy of a workspace.
extension CLITests {
  static func count(_ workspace: URL, _ sql: String) throws -> Int {
    let audit = try AuditLog(readingFrom: workspace.appendingPathComponent("audit/audit.sqlite"))
    return Int(try audit.rows(sql).first?.first.flatMap { $0 }.flatMap { Int($0) } ?? -1)
  }

  static func wasKilled(_ result: Result) -> Bool { result.status == SIGKILL }

  @Test(arguments: RunPipeline.Checkpoint.ofRun.map { $0.rawValue })
  func aRunKilledAtAnyCheckpointLosesNothing(_ point: String) throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    let ml = workspace.appendingPathComponent("curated/machine_learning_curated/part-00000.jsonl")
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"]
      ).status == 0)
    let before = try Data(contentsOf: ml)
    let killed = try Self.launchKilled(
      in: directory,
      [
        "run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--profile",
        "udacity-rubric", "-q",
      ], at: point)
    #expect(killed, "killed at \(point)")
    let published = RunPipeline.Checkpoint.beforePublishing.map(\.rawValue) + ["after-reconcile"]
    if published.contains(point) {
      #expect(try Data(contentsOf: ml) == before)
    } else {
      #expect(try Data(contentsOf: ml) != before)
    }
    let verify = try Self.launch(in: directory, ["verify", "--workspace", workspace.path])
    #expect(verify.status == 0, "\(verify.stdout)")
    let next = try Self.launch(
      in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(try Data(contentsOf: ml) == before)
    #expect(
      try Self.launch(in: directory, ["verify", "--workspace", workspace.path, "--all", "-q"])
        .status == 0)
    // Only runs that were published count as published; the killed one's rows are rolled back.
    let expected = published.contains(point) ? 2 : 3
    #expect(
      try Self.count(workspace, "SELECT count(*) FROM run WHERE status = 'published'") == expected)
    #expect(
      try Self.count(workspace, "SELECT count(*) FROM run WHERE status IN ('running', 'committed')")
        == 0)
    let failed =
      "SELECT count(*) FROM movement_range WHERE run IN (SELECT id FROM run WHERE status = 'failed')"
    #expect(try Self.count(workspace, failed) == 0)
  }

  @Test(arguments: [
    "withdraw-before-record", "withdraw-after-record", "during-step-trainer", "before-publish",
    "after-publish", "withdraw-after-run",
  ])
  func aWithdrawalKilledAtAnyCheckpointLosesNothing(_ point: String) throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", workspace.path, "-q"]
      ).status == 0)
    let killed = try Self.launchKilled(
      in: directory,
      ["withdraw", "--workspace", workspace.path, "--email", "ana.lee@test.com", "-q"], at: point)
    #expect(killed, "killed at \(point)")
    #expect(
      try Self.launch(in: directory, ["verify", "--workspace", workspace.path, "-q"]).status == 0)
    let again = try Self.launch(
      in: directory,
      ["withdraw", "--workspace", workspace.path, "--email", "ana.lee@test.com", "-q"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("done: no published table holds this customer's rows"))
    #expect(
      try Self.launch(in: directory, ["verify", "--workspace", workspace.path, "--all", "-q"])
        .status == 0)
  }

  @Test(arguments: ["after-reconcile", "prune-after-directories", "prune-during-rows"])
  func aPruneKilledAtAnyCheckpointLosesNothing(_ point: String) throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("ws")
    for profile in ["strict", "udacity-rubric", "strict"] {
      let run = [
        "run", "--landing", Self.tiny.path, "--workspace", workspace.path, "--profile", profile,
        "--keep-runs", "3", "-q",
      ]
      #expect(try Self.launch(in: directory, run).status == 0)
    }
    #expect(
      try Self.launchKilled(
        in: directory, ["prune", "--workspace", workspace.path, "--keep", "1"], at: point),
      "killed at \(point)")
    #expect(
      try Self.launch(in: directory, ["verify", "--workspace", workspace.path, "-q"]).status == 0)
    let pruned = try Self.launch(
      in: directory, ["prune", "--workspace", workspace.path, "--keep", "1", "--json"])
    #expect(pruned.status == 0, "\(pruned.stderr)")
    #expect(
      try Self.launch(in: directory, ["verify", "--workspace", workspace.path, "--all", "-q"])
        .status == 0)
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: workspace.appendingPathComponent("runs").path
      ).count == 1)
    #expect(try Self.count(workspace, "SELECT count(*) FROM event WHERE kind = 'run_pruned'") == 2)
    #expect(try Self.count(workspace, "SELECT count(DISTINCT run) FROM movement_range") == 1)
  }

  /// Runs a command with `STEDI_AUDIT_CRASH_AT`; true if it died of SIGKILL there.
  static func launchKilled(
    in directory: TemporaryDirectory, _ arguments: [String], at point: String
  ) throws -> Bool {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = testEnvironment(in: directory).merging(["STEDI_AUDIT_CRASH_AT": point]) {
      $1
    }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
  }

  /// Every file of a directory tree: size, modification time and a hash of its bytes (compared
  /// within one test process).
  static func fingerprint(_ root: URL) throws -> [String: String] {
    var out: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(
      at: root, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey])
    while let url = enumerator?.nextObject() as? URL {
      let values = try url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey])
      guard values.isRegularFile == true else { continue }
      let data = try Data(contentsOf: url)
      let stamp = values.contentModificationDate?.timeIntervalSince1970 ?? 0
      out[String(url.path.dropFirst(root.path.count))] = "\(data.count) \(stamp) \(data.hashValue)"
    }
    return out
  }

  @Test func readersWorkOnAReadOnlyWorkspaceAndWriteNothing() throws {
    let directory = TemporaryDirectory()
    let source = directory.path("ws")
    #expect(
      try Self.launch(
        in: directory, ["run", "--landing", Self.tiny.path, "--workspace", source.path, "-q"]
      ).status == 0)
    #expect(
      try Self.launch(
        in: directory,
        [
          "run", "--landing", Self.tiny.path, "--workspace", source.path, "--profile",
          "udacity-rubric", "-q",
        ]
      ).status == 0)
    let copy = directory.path("ro")
    try FileManager.default.copyItem(at: source, to: copy)
    let pem = directory.path("signing.pub.pem")
    try FileManager.default.copyItem(
      at: copy.appendingPathComponent("keys/signing.pub.pem"), to: pem)
    // Readable by all (for the unprivileged reader below), writable by none.
    let chmod = Process()
    chmod.executableURL = URL(fileURLWithPath: "/bin/chmod")
    chmod.arguments = ["-R", "a+rX,a-w", copy.path]
    try chmod.run()
    chmod.waitUntilExit()
    #expect(chmod.terminationStatus == 0)
    let before = try Self.fingerprint(copy)
    let readers: [[String]] = [
      ["verify", "--workspace", copy.path, "--public-key", pem.path, "-q"],
      ["verify", "--workspace", copy.path, "--all", "-q"],
      [
        "report", "--workspace", copy.path, "--format", "json", "--output",
        directory.path("report.json").path, "-q",
      ],
      ["trace", "--workspace", copy.path, "--email", "ana.lee@test.com", "-q"],
      ["check", "--workspace", copy.path, "-q"],
    ]
    for arguments in readers {
      let result = try Self.launch(in: directory, arguments)
      #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
    }
    // Tests run as root, which write permission bits do not stop: also as an unprivileged
    // user, for whom the copy is really read-only (SQLite can't make its -shm file there).
    for arguments in [
      readers[0],
      ["report", "--workspace", copy.path, "--format", "json", "--public-key", pem.path, "-q"],
    ] {
      let result = try Self.launch(
        in: directory,
        ["--reuid=65534", "--regid=65534", "--clear-groups", Self.binary.path] + arguments,
        executable: "/usr/bin/setpriv")
      #expect(result.status == 0, "as nobody, \(arguments[0]): \(result.stderr)")
      #expect(!result.stderr.contains("readonly database"))
    }
    // A writer on the read-only copy fails with one line and changes nothing.
    let write = try Self.launch(
      in: directory,
      [
        "--reuid=65534", "--regid=65534", "--clear-groups", Self.binary.path, "run", "--landing",
        Self.tiny.path, "--workspace", copy.path, "-q",
      ],
      executable: "/usr/bin/setpriv")
    #expect(write.status == 74, "\(write.stderr)")
    #expect(write.stderr.hasPrefix("error: ") && write.stderr.split(separator: "\n").count == 1)
    let after = try Self.fingerprint(copy)
    // Every file is unchanged; SQLite may add its (empty) WAL index files beside the log.
    #expect(after.filter { before[$0.key] != nil } == before)
    #expect(
      Set(after.keys).subtracting(before.keys).isSubset(of: [
        "/audit/audit.sqlite-wal", "/audit/audit.sqlite-shm",
      ]))
    if let wal = after["/audit/audit.sqlite-wal"], before["/audit/audit.sqlite-wal"] == nil {
      #expect(wal.hasPrefix("0 "))
    }
  }
}
