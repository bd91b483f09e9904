import Foundation
import StediAuditTestSupport
import Testing

/// A real `run` of the built binary, as a child process, over landing data with 64 MiB lines
/// (one a customer row with a 64 MiB name, one a truncated 64 MiB reading, one 64 MiB of white
/// space before a step-trainer row) next to a small hostile corpus.
///
/// Asserted: the process ends normally (no crash) before the hang guard; the summary is
/// conserved and counts every non-blank line; peak memory (the child's `rusage` from `wait4`) stays
/// under a generous bound of 16 times the line, so memory per line is bounded, not
/// proportional to the file; no output and no audit record holds a planted identity.
@Suite(.timeLimit(.minutes(10)))
struct HugeLineTests {
  static let lineSize = 64 << 20
  /// Generous: the reader's buffer (twice the line), a copy for the quarantine record and
  /// the output row, and the rest of the process.
  static let memoryBound = 16 * lineSize
  static let hangGuard: TimeInterval = 300

  @Test func a64MiBLineRunsInBoundedMemoryAndIsConserved() throws {
    let directory = TemporaryDirectory()
    let landing = directory.path("landing")
    var counts = try HostileCorpus(seed: 0x64, longString: 1_000).write(to: landing)
    let name = String(repeating: "n", count: Self.lineSize) + " Zqvplant"
    let customer =
      #"{"email":"\#(PlantedIdentities.emails[0])","serialNumber":"SN-0-zz","customerName":"\#(name)","shareWithResearchAsOfDate":1655100000000}"#
    let reading =
      #"{"user":"\#(PlantedIdentities.emails[1])","timestamp":1655200000000,"x":""# + name
    let step =
      String(repeating: " ", count: Self.lineSize)
      + #"{"sensorReadingTime":1655200000000,"serialNumber":"SN-0-zz","distanceFromObject":1}"#
    for (table, line) in [
      (HostileCorpus.Table.customer, customer), (.accelerometer, reading), (.stepTrainer, step),
    ] {
      try Data((line + "\n").utf8).write(
        to: landing.appendingPathComponent("\(table.rawValue)/zz-huge.json"))
      counts[table, default: 0] += 1
    }
    let workspace = directory.path("ws")
    let finished = try Self.launchMeasured(
      ["run", "--landing", landing.path, "--workspace", workspace.path, "--json"], in: directory)
    let result = finished.result
    #expect(finished.exitedNormally, "the process was killed by a signal")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(finished.peakRSS > Self.lineSize)  // The measure sees the line.
    #expect(finished.peakRSS < Self.memoryBound, "peak RSS \(finished.peakRSS >> 20) MiB")

    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let landingRows = try #require(summary["landingRows"] as? [String: Int])
    #expect(
      landingRows == [
        "customer_landing": counts[.customer] ?? -1,
        "accelerometer_landing": counts[.accelerometer] ?? -1,
        "step_trainer_landing": counts[.stepTrainer] ?? -1,
      ])
    let tables = try #require(summary["tables"] as? [[String: Any]])
    #expect(tables.count == 5)
    for table in tables {
      let rowsIn = table["rowsIn"] as? Int ?? -1
      let admitted = table["admitted"] as? Int ?? -1
      let excluded = (table["excluded"] as? [String: Int] ?? [:]).values.reduce(0, +)
      let quarantined = (table["quarantined"] as? [String: Int] ?? [:]).values.reduce(0, +)
      #expect(rowsIn == admitted + excluded + quarantined, "\(table["table"] ?? "")")
    }
    var scanned = Array((result.stdout + result.stderr).utf8)
    for name in try FileManager.default.contentsOfDirectory(
      atPath: workspace.appendingPathComponent("audit").path)
    {
      scanned += try [UInt8](Data(contentsOf: workspace.appendingPathComponent("audit/\(name)")))
    }
    #expect(PlantedIdentities.leaks(in: scanned).isEmpty)
  }

  /// How a child process ended, and its peak RSS.
  struct Finished {
    var result: CLITests.Result
    var peakRSS: Int
    var exitedNormally: Bool
  }

  /// Runs the binary with `posix_spawn` and waits with `wait4`, which gives this child's own
  /// resource usage (not that of other tests' children); a run past the hang guard is killed and
  /// fails the test.
  static func launchMeasured(_ arguments: [String], in directory: TemporaryDirectory) throws
    -> Finished
  {
    let out = directory.path("stdout.txt").path
    let err = directory.path("stderr.txt").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv: [UnsafeMutablePointer<CChar>?] =
      ([CLITests.binary.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    try #require(posix_spawn(&pid, CLITests.binary.path, &actions, nil, argv, environ) == 0)
    var status: Int32 = 0
    var usage = rusage()
    let deadline = Date().addingTimeInterval(hangGuard)
    while wait4(pid, &status, WNOHANG, &usage) == 0 {
      if Date() > deadline {
        Issue.record("hang guard: the run took more than \(Int(hangGuard)) s")
        kill(pid, SIGKILL)
        wait4(pid, &status, 0, &usage)
        break
      }
      usleep(20_000)
    }
    let read = { (path: String) in
      String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
    }
    return Finished(
      result: CLITests.Result(status: (status >> 8) & 0xFF, stdout: read(out), stderr: read(err)),
      peakRSS: Int(usage.ru_maxrss) * 1024,  // Kilobytes on Linux.
      exitedNormally: status & 0x7F == 0)
  }
}
