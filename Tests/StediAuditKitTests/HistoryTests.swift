import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import StediZones
import Testing

/// Verification of a long history: the published run in full, older runs by their chains
/// (`--all` in full); `prune`; finding one run's movements without scanning the others.
struct HistoryTests {
  static func audit(_ workspace: URL) throws -> AuditLog {
    try AuditLog(path: workspace.appendingPathComponent("audit/audit.sqlite"))
  }

  static func threeRuns(_ directory: TemporaryDirectory) throws -> URL {
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    for profile in ["strict", "udacity-rubric", "strict"] {
      var request = RunRequest(
        landing: landing, workspace: workspace, profile: profile,
        keysDirectory: directory.path("keys"))
      request.keepRuns = 3
      _ = try Toolkit.run(request, logger: logger)
    }
    return workspace
  }

  @Test func verifyRecomputesThePublishedRunAndAllRecomputesEveryRun() throws {
    let directory = TemporaryDirectory()
    let workspace = try Self.threeRuns(directory)
    let plain = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(plain.passed)
    let merkle = try #require(plain.checks.first { $0.name == "audit records (Merkle root)" })
    #expect(
      merkle.details.first?.contains(
        "2 older signed runs checked by their manifest and event chains and the count of their movements"
      ) == true)
    // An edited movement of an old run is found by --all (and by the published run's own
    // check if it were the published run's).
    _ = try Self.audit(workspace).rows(
      "UPDATE movement_range SET src_line = src_line + 1000 WHERE rowid = (SELECT min(rowid) FROM movement_range WHERE run = 1)"
    )
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
    let all = try Toolkit.verify(VerifyRequest(workspace: workspace, all: true))
    #expect(!all.passed)
    let failed = try #require(all.checks.first { !$0.passed })
    let oldest = try Self.audit(workspace).runs()[0].runID
    #expect(failed.details.contains { $0.contains("run \(oldest)") })
    _ = try Self.audit(workspace).rows(
      "UPDATE movement_range SET src_line = src_line + 1000 WHERE rowid = (SELECT min(rowid) FROM movement_range WHERE run = 3)"
    )
    #expect(!(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed))
  }

  @Test func pruneDropsOldRunsAndVerifyStillPasses() throws {
    let directory = TemporaryDirectory()
    let workspace = try Self.threeRuns(directory)
    let outcome = try Toolkit.prune(PruneRequest(workspace: workspace, keep: 2))
    let runs = try Self.audit(workspace).runs()
    #expect(outcome.prunedRuns == [runs[0].runID])
    #expect(outcome.removedDirectories == [runs[0].runID])
    #expect(outcome.droppedMovements > 0)
    #expect(try Self.audit(workspace).movementCount(run: runs[0].id) == 0)
    #expect(try Self.audit(workspace).movementCount(run: runs[1].id) > 0)
    let left = try FileManager.default.contentsOfDirectory(
      atPath: workspace.appendingPathComponent("runs").path)
    #expect(Set(left) == [runs[1].runID, runs[2].runID])
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
    let all = try Toolkit.verify(VerifyRequest(workspace: workspace, all: true))
    #expect(all.passed)
    #expect(
      all.checks.contains {
        $0.details.contains { $0.contains("1 pruned runs are held by their signed roots") }
      })
    let again = try Toolkit.prune(PruneRequest(workspace: workspace, keep: 2))
    #expect(again.prunedRuns.isEmpty && again.droppedMovements == 0)
  }

  @Test func aRunDirectoryAReaderHoldsIsNotPruned() throws {
    let directory = TemporaryDirectory()
    let workspace = try Self.threeRuns(directory)
    let space = Workspace(root: workspace)
    let held: String
    do {
      let (id, hold) = space.holdPublishedRun()
      held = try #require(id)
      #expect(hold != nil)
      let landing = try #require(TinyFixtureTests.tiny)
      let (logger, _) = TestLogging.make()
      _ = try Toolkit.run(
        RunRequest(
          landing: landing, workspace: workspace, keysDirectory: directory.path("keys"), keepRuns: 0
        ), logger: logger)
      let left = try FileManager.default.contentsOfDirectory(atPath: space.runsDirectory.path)
      #expect(left.contains(held), "the reader's run stays while it is held")
      withExtendedLifetime(hold) {}
    }
    let outcome = try Toolkit.prune(PruneRequest(workspace: workspace, keep: 1))
    #expect(outcome.removedDirectories.contains(held))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: space.runsDirectory.path).count == 1)
  }

  @Test func oneRunsMovementsAreFoundWithoutTheOthers() throws {
    let directory = TemporaryDirectory()
    let workspace = try Self.threeRuns(directory)
    let audit = try Self.audit(workspace)
    var previous: Int64 = 0
    for run in try audit.runs() {
      let range = try #require(try audit.movementRange(run: run.id))
      let rows = try audit.rows(
        "SELECT min(rowid), max(rowid), sum(rows) FROM movement_range WHERE run = \(run.id)")[0]
      #expect(rows[0] == String(range.lowerBound) && rows[1] == String(range.upperBound))
      #expect(try audit.movementCount(run: run.id) == Int64(rows[2] ?? "") ?? -1)
      #expect(try audit.movementCount(run: run.id) == run.movements)
      #expect(range.lowerBound > previous)
      previous = range.upperBound
    }
    let runs = try audit.runs()
    // The count sees a range cut off at an end or taken from inside.
    let last = try audit.rows(
      "SELECT rows FROM movement_range WHERE rowid = (SELECT max(rowid) FROM movement_range WHERE run = 1)")[0][0]
    _ = try audit.rows(
      "DELETE FROM movement_range WHERE rowid = (SELECT max(rowid) FROM movement_range WHERE run = 1)")
    let lost = Int64(last ?? "") ?? 0
    #expect(lost > 0)
    #expect(try audit.movementCount(run: runs[0].id) == (runs[0].movements ?? 0) - lost)
    let inner = try audit.rows(
      "SELECT rows FROM movement_range WHERE rowid = (SELECT min(rowid) + 3 FROM movement_range WHERE run = 1)")[0][0]
    _ = try audit.rows(
      "DELETE FROM movement_range WHERE rowid = (SELECT min(rowid) + 3 FROM movement_range WHERE run = 1)")
    #expect(try audit.movementCount(run: runs[0].id) == (runs[0].movements ?? 0) - lost - (Int64(inner ?? "") ?? 0))
    #expect(try audit.dropMovements(run: runs[1].id) > 0)
    #expect(try audit.movementRange(run: runs[1].id) == nil)
    #expect(try audit.movementCount(run: runs[2].id) == runs[2].movements)
  }
}
