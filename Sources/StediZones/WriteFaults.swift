import Foundation

/// Injected write faults, for tests of what a full disk, an I/O error or a read-only folder do
/// to a run: the `n`th write (1-based, counting every `write(2)` of an output file, `fsync`,
/// manifest write and publish) fails with `errno`. Nil in production.
///
/// The CLI sets it from `STEDI_AUDIT_FAULT=<enospc|eio|erofs>@<n>` (a test hook, like
/// `STEDI_AUDIT_CRASH_AT`). The audit log's own SQLite writes are not counted: a full disk under
/// SQLite is tested on a small tmpfs (see docs/architecture.md, "Crash safety").
///
/// `@unchecked Sendable`: the counter is only touched under `lock`.
public final class WriteFaults: @unchecked Sendable {
  public let failAt: Int
  public let code: Int32
  private let lock = NSLock()
  private var count = 0

  public init(failAt: Int, code: Int32) {
    self.failAt = failAt
    self.code = code
  }

  /// Parses `enospc@3`, `eio@1` or `erofs@2`; nil if malformed.
  public convenience init?(spec: String) {
    let parts = spec.split(separator: "@")
    guard parts.count == 2, let n = Int(parts[1]), n > 0 else { return nil }
    let codes: [String: Int32] = ["enospc": ENOSPC, "eio": EIO, "erofs": EROFS]
    guard let code = codes[parts[0].lowercased()] else { return nil }
    self.init(failAt: n, code: code)
  }

  /// The number of writes seen so far.
  public var writes: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }

  /// Counts one write of `path`; throws the injected error if it is the `n`th.
  public func check(_ path: String) throws(ZoneError) {
    lock.lock()
    count += 1
    let hit = count == failAt
    lock.unlock()
    if hit { throw .io(path: path, reason: String(cString: strerror(code))) }
  }
}
