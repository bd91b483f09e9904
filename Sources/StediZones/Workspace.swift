public import Foundation
public import StediCore

/// The directory a run writes to, and how its outputs are published atomically.
///
/// ```
/// WORKSPACE/
///   trusted -> current/trusted         zone links, made once
///   curated -> current/curated
///   quarantine -> current/quarantine
///   current -> runs/<run-id>           switched by one rename(2) when a run is published
///   runs/<run-id>/{trusted,curated,quarantine}/<table>/part-00000.jsonl
///   audit/audit.sqlite                 the audit log
///   .lock                              the writers' lock (flock), see `WorkspaceLock`
///   keys/signing.pub.pem               the public key only (the secret keys are outside)
/// ```
/// A run writes into `runs/<run-id>/` and becomes visible only when `current` is switched, so a
/// run killed at any moment leaves the previous run's outputs intact and nothing half-written
/// visible under `trusted/`, `curated/` or `quarantine/`.
public struct Workspace: Sendable {
  public let root: URL

  public init(root: URL) { self.root = root }

  public var runsDirectory: URL { root.appendingPathComponent("runs") }
  public var auditDirectory: URL { root.appendingPathComponent("audit") }
  public var auditLogURL: URL { auditDirectory.appendingPathComponent("audit.sqlite") }
  public var defaultKeysDirectory: URL { root.appendingPathComponent("keys") }
  public var currentLink: URL { root.appendingPathComponent("current") }
  /// The writers' lock file (see `WorkspaceLock`).
  public var lockURL: URL { root.appendingPathComponent(".lock") }

  /// The published directory of a zone (`trusted`, `curated`, `quarantine`).
  public func zoneDirectory(_ zone: ZoneID) -> URL { root.appendingPathComponent(zone.rawValue) }

  /// The directory a run writes to.
  public func runDirectory(_ runID: String) -> URL { runsDirectory.appendingPathComponent(runID) }

  /// Creates the workspace's directories and zone links if missing.
  ///
  /// - Throws: `ZoneError.io` if they can't be made, or if a zone exists but is not our link.
  public func prepare() throws(ZoneError) {
    let manager = FileManager.default
    do {
      try manager.createDirectory(at: runsDirectory, withIntermediateDirectories: true)
      try manager.createDirectory(at: auditDirectory, withIntermediateDirectories: true)
    } catch {
      throw .io(path: root.path, reason: "cannot create workspace directories")
    }
    for zone in ZoneID.published {
      let link = zoneDirectory(zone).path
      let target = "current/\(zone)"
      if let existing = try? manager.destinationOfSymbolicLink(atPath: link) {
        guard existing == target else {
          throw .io(path: link, reason: "is a link to '\(existing)', expected '\(target)'")
        }
        continue
      }
      if manager.fileExists(atPath: link) {
        throw .io(path: link, reason: "exists and is not a stedi-audit zone link; move it away")
      }
      guard symlink(target, link) == 0 else {
        throw .io(path: link, reason: String(cString: strerror(errno)))
      }
    }
  }

  /// The run id whose outputs are published, if any.
  public func publishedRunID() -> String? {
    guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: currentLink.path)
    else { return nil }
    return URL(fileURLWithPath: target).lastPathComponent
  }

  /// Makes a run's outputs the published ones, atomically (one rename of the `current` link).
  public func publish(runID: String, faults: WriteFaults? = nil) throws(ZoneError) {
    try faults?.check(currentLink.path)
    let temporary = root.appendingPathComponent(".current-\(runID)").path
    unlink(temporary)
    guard symlink("runs/\(runID)", temporary) == 0 else {
      throw .io(path: temporary, reason: String(cString: strerror(errno)))
    }
    guard rename(temporary, currentLink.path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .io(path: currentLink.path, reason: reason)
    }
    syncDirectory(root)
  }

  /// Removes run directories other than the published one and the `keep - 1` newest others;
  /// a directory a reader holds (`holdPublishedRun()`) is kept until a later prune. Call only
  /// under the `WorkspaceLock`. Returns the run ids removed.
  @discardableResult
  public func pruneRuns(keep: Int, newestFirst runIDs: [String], removed: (String) throws -> Void = { _ in }) rethrows -> [String] {
    let published = publishedRunID()
    var kept = published == nil ? 0 : 1
    let manager = FileManager.default
    guard let present = try? manager.contentsOfDirectory(atPath: runsDirectory.path) else { return [] }
    let order = runIDs.filter { present.contains($0) }
    var gone: [String] = []
    for runID in order where runID != published {
      if kept < keep {
        kept += 1
      } else if removeUnlessHeld(runID) {
        gone.append(runID)
        try removed(runID)
      }
    }
    return gone
  }

  /// Deletes a run directory that was never published (after a failure). Call only under the
  /// `WorkspaceLock`.
  public func discard(runID: String) {
    guard publishedRunID() != runID else { return }
    _ = removeUnlessHeld(runID)
  }

  private func syncDirectory(_ url: URL) {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}
