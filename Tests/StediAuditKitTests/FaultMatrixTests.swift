import Foundation
import StediAuditKit
import StediCore
import StediAuditLog
import StediAuditTestSupport
import StediZones
import Testing

/// A run stopped at any checkpoint, or failing on any write (full disk, I/O error, read-only
/// folder), loses nothing: the previous run stays published and verifying, the interrupted
/// run's audit rows are rolled back, and the next run succeeds. (`CLITests+Faults` does the
/// same with SIGKILL through the real binary.)
struct FaultMatrixTests {
  struct Interrupted: Error {}
  struct ReaderFailed: Error, CustomStringConvertible {
    var description: String
  }

  /// Checkpoints after which the new run is already published.
  static let afterPublishing: Set<RunPipeline.Checkpoint> = [
    .afterPublish, .afterPublishedStatus, .afterPublishedEvent, .duringPrune, .afterPrune,
  ]

  static func statuses(_ workspace: URL) throws -> [String] {
    let audit = try AuditLog(readingFrom: workspace.appendingPathComponent("audit/audit.sqlite"))
    return try audit.rows("SELECT status FROM run ORDER BY id").map { $0[0] ?? "" }
  }

  static func movements(_ workspace: URL, run: Int) throws -> Int {
    let audit = try AuditLog(readingFrom: workspace.appendingPathComponent("audit/audit.sqlite"))
    return Int(
      try audit.rows("SELECT coalesce(sum(rows), 0) FROM movement_range WHERE run = \(run)").first?.first.flatMap { $0 }
        .flatMap { Int($0) } ?? -1)
  }

  static func failures(_ report: VerificationReport) -> String {
    report.checks.filter { !$0.passed }.map { "\($0.name): \($0.details.joined(separator: "; "))" }
      .joined(separator: " | ")
  }

  @Test(arguments: RunPipeline.Checkpoint.ofRun)
  func anInterruptedRunLosesNothing(_ checkpoint: RunPipeline.Checkpoint) throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    let first = try Toolkit.run(
      RunRequest(
        landing: landing, workspace: workspace, profile: "strict",
        keysDirectory: directory.path("keys")), logger: logger)
    let before = try CrashSafetyTests.publishedFiles(workspace)
    #expect(before.count == 8)

    // Throwing proves the checkpoint was reached: no other error is expected.
    #expect(throws: Interrupted.self) {
      try Toolkit.run(
        RunRequest(
          landing: landing, workspace: workspace, profile: "udacity-rubric",
          keysDirectory: directory.path("keys")), logger: logger,
        checkpoint: { point in if point == checkpoint { throw Interrupted() } })
    }
    let published = Workspace(root: workspace).publishedRunID()
    if Self.afterPublishing.contains(checkpoint) {
      #expect(published != first.summary.runID)
      #expect(try CrashSafetyTests.publishedFiles(workspace) != before)
      #expect(try Self.statuses(workspace) == ["published", "published"])
    } else {
      #expect(published == first.summary.runID)
      #expect(try CrashSafetyTests.publishedFiles(workspace) == before)
      #expect(
        try Self.statuses(workspace)
          == (checkpoint == .afterReconcile ? ["published"] : ["published", "failed"]))
      #expect(
        try Self.movements(workspace, run: 2) == 0,
        "the interrupted run's movements are rolled back")
      let runs = try FileManager.default.contentsOfDirectory(
        atPath: workspace.appendingPathComponent("runs").path)
      #expect(runs == [first.summary.runID])
    }
    let verified = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(verified.passed, "\(Self.failures(verified))")

    let next = try Toolkit.run(
      RunRequest(
        landing: landing, workspace: workspace, profile: "strict",
        keysDirectory: directory.path("keys")), logger: logger)
    #expect(Workspace(root: workspace).publishedRunID() == next.summary.runID)
    #expect(try Self.statuses(workspace).last == "published")
    #expect(
      try Self.movements(workspace, run: 1) > 0, "the first published run keeps its movements")
    let again = try Toolkit.verify(VerifyRequest(workspace: workspace, all: true))
    #expect(again.passed, "\(Self.failures(again))")
  }

  /// A reader at every checkpoint of a run (while the writer is in the middle of it) verifies
  /// the run that was published when it started, and never fails.
  @Test func readersNeverSeeAHalfPublishedRun() throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    _ = try Toolkit.run(
      RunRequest(
        landing: landing, workspace: workspace, profile: "strict",
        keysDirectory: directory.path("keys")), logger: logger)
    _ = try Toolkit.run(
      RunRequest(
        landing: landing, workspace: workspace, profile: "strict",
        keysDirectory: directory.path("keys")), logger: logger)
    let seen = try Toolkit.run(
      RunRequest(
        landing: landing, workspace: workspace, profile: "udacity-rubric",
        keysDirectory: directory.path("keys")), logger: logger,
      checkpoint: { point in
        let report = try Toolkit.verify(VerifyRequest(workspace: workspace))
        guard report.passed else {
          throw ReaderFailed(description: "\(point): \(Self.failures(report))")
        }
        let compliance = try Toolkit.report(ReportRequest(workspace: workspace))
        guard compliance.run.runId == report.publishedRun else {
          throw ReaderFailed(description: "\(point): report and verify saw different runs")
        }
      })
    #expect(Workspace(root: workspace).publishedRunID() == seen.summary.runID)
  }

  @Test(arguments: [
    RunPipeline.Checkpoint.withdrawBeforeRecord, .withdrawAfterRecord, .beforePublish,
    .withdrawAfterRun,
  ])
  func anInterruptedWithdrawalLosesNothing(_ checkpoint: RunPipeline.Checkpoint) throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    let first = try Toolkit.run(
      RunRequest(
        landing: landing, workspace: workspace, profile: "strict",
        keysDirectory: directory.path("keys")), logger: logger)
    let before = try CrashSafetyTests.publishedFiles(workspace)
    let request = WithdrawRequest(
      workspace: workspace, email: "ana.lee@test.com", keysDirectory: directory.path("keys"))
    #expect(throws: Interrupted.self) {
      try Toolkit.withdraw(
        request, logger: logger, checkpoint: { if $0 == checkpoint { throw Interrupted() } })
    }
    if checkpoint != .withdrawAfterRun {
      #expect(Workspace(root: workspace).publishedRunID() == first.summary.runID)
      #expect(try CrashSafetyTests.publishedFiles(workspace) == before)
    }
    let verified = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(verified.passed, "\(Self.failures(verified))")
    let done = try Toolkit.withdraw(request, logger: logger)
    #expect(done.after?.publishedTables.isEmpty == true)
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
  }

  @Test(arguments: [ENOSPC, EIO, EROFS])
  func aFailingWriteEndsInOneIOErrorAndLosesNothing(_ code: Int32) throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    // How many writes a run makes (output files, their fsyncs, manifest, publish).
    let counter = WriteFaults(failAt: .max, code: code)
    var counted = RunRequest(
      landing: landing, workspace: workspace, profile: "strict",
      keysDirectory: directory.path("keys"))
    counted.faults = counter
    let first = try Toolkit.run(counted, logger: logger)
    let writes = counter.writes
    #expect(writes >= 10)
    let before = try CrashSafetyTests.publishedFiles(workspace)
    for n in 1...writes {
      var request = RunRequest(
        landing: landing, workspace: workspace, profile: "udacity-rubric",
        keysDirectory: directory.path("keys"))
      request.faults = WriteFaults(failAt: n, code: code)
      do {
        _ = try Toolkit.run(request, logger: logger)
        Issue.record("write \(n) of \(writes) did not fail the run")
      } catch {
        #expect(ErrorKind(error) == .io, "write \(n): \(error)")
        let message = (error as? any LocalizedError)?.errorDescription ?? ""
        #expect(message.contains(String(cString: strerror(code))), "write \(n): \(message)")
        #expect(!message.contains("\n"))
      }
      #expect(Workspace(root: workspace).publishedRunID() == first.summary.runID, "write \(n)")
      #expect(try CrashSafetyTests.publishedFiles(workspace) == before, "write \(n)")
      #expect(try Self.statuses(workspace).last == "failed", "write \(n)")
      #expect(try Self.movements(workspace, run: n + 1) == 0, "write \(n): rows rolled back")
    }
    let verified = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(verified.passed, "\(Self.failures(verified))")
    #expect(try Self.statuses(workspace).filter { $0 == "published" }.count == 1)
    _ = try Toolkit.run(
      RunRequest(
        landing: landing, workspace: workspace, profile: "udacity-rubric",
        keysDirectory: directory.path("keys")), logger: logger)
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
  }

  /// Regression: a run failing while the reading thread had several events queued trapped in
  /// `EventChannel.deinit` (exit 132, seen on a full disk). With many step-trainer files, the
  /// reader is far ahead when the run stops at its first batch.
  @Test func aRunStoppedWhileReadingAheadEndsInAnError() throws {
    let directory = TemporaryDirectory()
    let tiny = try #require(TinyFixtureTests.tiny)
    let landing = directory.path("landing")
    try FileManager.default.copyItem(at: tiny, to: landing)
    let step = landing.appendingPathComponent("step_trainer")
    let data = try Data(contentsOf: step.appendingPathComponent("step_trainer.json"))
    for index in 2...12 {
      try data.write(to: step.appendingPathComponent("step_trainer-\(index).json"))
    }
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    #expect(throws: Interrupted.self) {
      try Toolkit.run(
        RunRequest(landing: landing, workspace: workspace, keysDirectory: directory.path("keys")),
        logger: logger,
        checkpoint: { if $0 == .duringStepTrainer { throw Interrupted() } })
    }
    _ = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, keysDirectory: directory.path("keys")),
      logger: logger)
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
  }
}
