import Foundation

/// A reader's hold on one run directory: a shared `flock(2)` on the directory itself, so that
/// writers do not prune it while it is read. Released when the value is dropped (or the
/// process dies). Needs no write access: it works on a read-only workspace.
public final class RunHold {
  /// The run held.
  public let runID: String
  private let fd: Int32

  init(runID: String, fd: Int32) {
    self.runID = runID
    self.fd = fd
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }

  /// Opens and share-locks a run directory; nil if it does not exist (any more).
  static func take(_ directory: URL, runID: String) -> RunHold? {
    let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    while flock(fd, LOCK_SH) != 0 {
      guard errno == EINTR else {
        close(fd)
        return nil
      }
    }
    // A writer may have deleted the directory between our open and our lock.
    var status = stat()
    guard fstat(fd, &status) == 0, status.st_nlink > 0 else {
      close(fd)
      return nil
    }
    return RunHold(runID: runID, fd: fd)
  }
}

extension Workspace {
  /// The published run, resolved once, and a hold that keeps its directory from being pruned
  /// while it is read. Readers use this instead of reading `current` again later, so that a
  /// run published meanwhile does not change what they check.
  ///
  /// Returns (nil, nil) if nothing is published. If `current` names a run whose directory is
  /// missing, returns its id with a nil hold (the caller reports it).
  public func holdPublishedRun() -> (runID: String?, hold: RunHold?) {
    // A writer can publish and prune between our reading `current` and our taking the hold:
    // then the directory is gone, and `current` names a newer run; try again.
    for _ in 0..<20 {
      guard let runID = publishedRunID() else { return (nil, nil) }
      if let hold = RunHold.take(runDirectory(runID), runID: runID) { return (runID, hold) }
      if publishedRunID() == runID { return (runID, nil) }
    }
    return (publishedRunID(), nil)
  }

  /// Removes a run directory unless a reader holds it. The directory is locked exclusively
  /// while it is removed, so a reader that opened it just before waits, then sees it is gone
  /// (and resolves `current` again). Returns true if it was removed.
  public func removeUnlessHeld(_ runID: String) -> Bool {
    let directory = runDirectory(runID)
    let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
    defer { flock(fd, LOCK_UN) }
    return (try? FileManager.default.removeItem(at: directory)) != nil
  }
}
