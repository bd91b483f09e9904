import Foundation
import StediAuditLog
import StediZones

/// What a reader (`verify`, `report`, `check`, `trace`) looks at: the run that `current` named
/// when it started, held against pruning, and the audit log as it was then (one read
/// transaction), opened read-only. Readers never take the writers' lock and never write.
///
/// Order matters: `current` is resolved first, then the log's snapshot is taken; a run is
/// published only after its manifest and audit rows are committed, so the snapshot always
/// holds the published run in full, whatever a writer does meanwhile.
struct ReaderSnapshot {
  let workspace: Workspace
  /// The published run when the reader started (nil if nothing is published).
  let publishedRunID: String?
  /// Keeps the published run's directory from being pruned while it is read.
  let hold: RunHold?
  let audit: AuditLog
  /// The manifest files present before the snapshot was taken.
  let manifestNames: Set<String>

  /// - Throws: `ToolkitError.noInput` if there is no audit log; the errors of `PathCheck` if the
  ///   workspace is not a directory; `AuditLogError` if the log can't be read.
  init(_ workspace: Workspace) throws {
    try PathCheck.input(workspace.root, .directory, "workspace")
    guard FileManager.default.fileExists(atPath: workspace.auditLogURL.path) else {
      throw ToolkitError.noInput(
        "\(workspace.auditLogURL.path): no audit log (is this a stedi-audit workspace?)")
    }
    self.workspace = workspace
    // A writer switches `current` before it records `run_published`: if `current` moved while
    // the snapshot was being taken, the snapshot may already hold the newer run's publication
    // (the chain would then look rolled back); take both again. `current` unchanged after the
    // snapshot began means the snapshot holds no later publication.
    var attempt = 0
    while true {
      let (runID, held) = workspace.holdPublishedRun()
      let manifests = ManifestWriter.manifestsDirectory(workspace).path
      let names = Set((try? FileManager.default.contentsOfDirectory(atPath: manifests)) ?? [])
      let log = try AuditLog(readingFrom: workspace.auditLogURL)
      try log.beginSnapshot()
      attempt += 1
      if workspace.publishedRunID() == runID || attempt == 20 {
        (publishedRunID, hold, manifestNames, audit) = (runID, held, names, log)
        return
      }
    }
  }
}
