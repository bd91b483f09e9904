import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import Testing

/// A run that dies at any checkpoint leaves the previous run's outputs published and intact.
struct CrashSafetyTests {
  struct Interrupted: Error {}

  /// The bytes of every published file, by path relative to the workspace.
  static func publishedFiles(_ workspace: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for zone in ["trusted", "curated", "quarantine"] {
      let root = workspace.appendingPathComponent(zone).resolvingSymlinksInPath()
      let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
      while let url = enumerator?.nextObject() as? URL {
        if let data = try? Data(contentsOf: url), !url.hasDirectoryPath {
          files[zone + "/" + url.path.dropFirst(root.path.count)] = data
        }
      }
    }
    return files
  }

  @Test(arguments: RunPipeline.Checkpoint.beforePublishing)
  func anInterruptedRunLeavesThePreviousOutputsIntact(_ checkpoint: RunPipeline.Checkpoint) throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    let first = try Toolkit.run(RunRequest(landing: landing, workspace: workspace, profile: "strict", keysDirectory: directory.path("keys")), logger: logger)
    let before = try Self.publishedFiles(workspace)
    #expect(before.count == 8)
    #expect(before.values.contains { !$0.isEmpty })

    // Same landing data under another policy: the outputs would differ if they were published.
    #expect(throws: Interrupted.self) {
      try Toolkit.run(
        RunRequest(landing: landing, workspace: workspace, profile: "udacity-rubric", keysDirectory: directory.path("keys")), logger: logger,
        checkpoint: { point in if point == checkpoint { throw Interrupted() } })
    }
    #expect(try Self.publishedFiles(workspace) == before)
    let audit = try AuditLog(readingFrom: workspace.appendingPathComponent("audit/audit.sqlite"))
    let statuses = try audit.rows("SELECT status FROM run ORDER BY id").map { $0[0] ?? "" }
    #expect(statuses == ["published", "failed"])
    let runs = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("runs").path)
    #expect(runs == [first.summary.runID], "the failed run's directory is removed")
  }
}
