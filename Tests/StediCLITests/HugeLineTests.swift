import Foundation
import StediAuditTestSupport
import Testing

/// A real `run` of the built binary, as a child process, over landing data with 64 MiB lines
/// (one a customer row with a 64 MiB name, one a truncated 64 MiB reading, one 64 MiB of white
/// space before a step-trainer row) next to a small hostile corpus.
///
/// Asserted: the process ends normally (no crash) before the hang guard; the summary is
/// conserved and counts every non-blank line; peak memory (`getrusage` of the children) stays
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
    let result = try Self.launchGuarded([
      "run", "--landing", landing.path, "--workspace", workspace.path, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")

    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    let peak = Int(usage.ru_maxrss) * 1024  // Kilobytes on Linux.
    #expect(peak > Self.lineSize)  // The measure sees the line.
    #expect(peak < Self.memoryBound, "peak RSS \(peak >> 20) MiB")

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

  /// Runs the binary; a run past the hang guard is killed and fails the test.
  static func launchGuarded(_ arguments: [String]) throws -> CLITests.Result {
    let process = Process()
    process.executableURL = CLITests.binary
    process.arguments = arguments
    let out = outputFile()
    let err = outputFile()
    process.standardOutput = out.handle
    process.standardError = err.handle
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    if done.wait(timeout: .now() + hangGuard) == .timedOut {
      process.terminate()
      Issue.record("hang guard: the run took more than \(Int(hangGuard)) s")
      done.wait()
    }
    #expect(process.terminationReason == .exit, "the process was killed by a signal")
    return CLITests.Result(
      status: process.terminationStatus, stdout: String(decoding: out.read(), as: UTF8.self),
      stderr: String(decoding: err.read(), as: UTF8.self))
  }

  /// A temporary file to collect a child's output (a pipe could fill up while we wait).
  static func outputFile() -> (handle: FileHandle, read: () -> Data) {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "stedi-out-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = FileHandle(forWritingAtPath: url.path) ?? .nullDevice
    return (
      handle,
      {
        let data = (try? Data(contentsOf: url)) ?? Data()
        try? FileManager.default.removeItem(at: url)
        return data
      }
    )
  }
}
