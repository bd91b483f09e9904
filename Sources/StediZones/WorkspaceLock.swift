public import Foundation

/// The writer's lock of a workspace: an exclusive advisory `flock(2)` on `WORKSPACE/.lock`.
///
/// Every command that changes a workspace (`run`, `withdraw`, `prune`) holds it from before it
/// looks at the workspace until it is done, so two writers never interleave: recovery of an
/// interrupted run, publishing and pruning happen under it. The kernel releases it when the
/// holder exits or is killed, so a crash never leaves a stale lock. The file holds the holder's
/// pid and start time (for the "busy" message); its content is informative only, the lock is
/// the `flock`.
///
/// Readers (`verify`, `report`, `check`, `trace`) never take it: see `Workspace.holdPublishedRun()`.
public final class WorkspaceLock: Sendable {
  /// The lock file.
  public let url: URL
  private let fd: Int32

  private init(url: URL, fd: Int32) {
    self.url = url
    self.fd = fd
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }

  /// Takes the workspace's writer lock, creating the workspace directory if needed.
  ///
  /// - Parameters:
  ///   - wait: seconds to wait for another writer to finish; nil or 0 fails at once.
  ///   - startedAt: this process's start, written into the lock file (ISO 8601).
  /// - Throws: `ZoneError.busy` naming the holder if another process holds it (after `wait`);
  ///   `ZoneError.io` if the lock file can't be created (for example a read-only workspace).
  public static func acquire(_ workspace: Workspace, wait: Double? = nil, startedAt: Date)
    throws(ZoneError) -> WorkspaceLock
  {
    let url = workspace.lockURL
    do {
      try FileManager.default.createDirectory(at: workspace.root, withIntermediateDirectories: true)
    } catch {
      throw .io(path: workspace.root.path, reason: "cannot create the workspace directory")
    }
    let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: url.path, reason: String(cString: strerror(errno))) }
    let deadline = Date().addingTimeInterval(max(0, wait ?? 0))
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let error = errno
      guard error == EWOULDBLOCK || error == EINTR else {
        close(fd)
        throw .io(path: url.path, reason: String(cString: strerror(error)))
      }
      if error == EWOULDBLOCK, Date() >= deadline {
        let holder = Self.holder(fd)
        close(fd)
        throw .busy(path: url.path, holder: holder)
      }
      usleep(50_000)
    }
    let lock = WorkspaceLock(url: url, fd: fd)
    lock.record(startedAt: startedAt)
    return lock
  }

  /// Writes `pid <pid> since <time>` into the lock file (best effort: the lock is held anyway).
  private func record(startedAt: Date) {
    let formatter = ISO8601DateFormatter()
    let text = "pid \(getpid()) since \(formatter.string(from: startedAt))\n"
    ftruncate(fd, 0)
    _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
  }

  /// What the lock file says about its holder, e.g. `pid 4242 since 2026-12-02T18:00:00Z`.
  private static func holder(_ fd: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 200)
    let count = pread(fd, &buffer, buffer.count, 0)
    guard count > 0 else { return "unknown process" }
    let text = String(decoding: buffer.prefix(count), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    // Only what the lock file format allows: digits, letters, ':', '-', '.', spaces.
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " :-.+"))
    guard !text.isEmpty, text.unicodeScalars.allSatisfy(allowed.contains) else {
      return "unknown process"
    }
    return text
  }
}
