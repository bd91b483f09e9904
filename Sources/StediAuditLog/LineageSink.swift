import CSQLite
import Dispatch
import StediCore
import StediKeys
import Synchronization

/// The queue side of a `LineageWriter`: the serial queue that owns the audit log's connection
/// while a run is open, and what only that queue touches.
///
/// `store` is locked only on the queue, so it is never contended: the mutex is what makes the
/// queue's state `Sendable` without an unchecked promise. `status` (the first failure, and
/// whether the writer is still open) is read by the deciding thread too.
final class LineageSink: Sendable {
  private let queue = DispatchQueue(label: "stedi-audit.lineage")
  /// At most this many batches waiting for the queue: memory stays bounded (12 batches of
  /// 8,192 movements, about 8 MiB), with room for the deciding thread to go on while the queue
  /// waits for a checkpoint's fsync (six made it wait too; 24 cost about 11 MiB more of peak
  /// memory at L and no time).
  private let slots = DispatchSemaphore(value: 12)
  private let store: Mutex<LineageStore>
  private let status = Mutex(Status())
  /// Emptied movement buffers, handed back for the next batches: a fresh 8,192-entry buffer
  /// per batch cost both threads page faults (about 650 KB each, mapped and zeroed anew).
  private let spare = Mutex<[[LineageBatch.Entry]]>([])
  /// The batches handed over and not yet taken by the queue, in order.
  private let waiting = Mutex<[LineageBatch]>([])

  struct Status {
    var failure: AuditLogError?
    var isOpen = true
  }

  init(db: SQLiteConnection, run: Int64, transactionSize: Int) throws(AuditLogError) {
    // Still on the owner's thread: the queue has no work yet.
    try db.execute("BEGIN")
    store = Mutex(LineageStore(db: db, run: run, transactionSize: transactionSize))
  }

  var failure: AuditLogError? { status.withLock { $0.failure } }
  var isOpen: Bool { status.withLock { $0.isOpen } }

  private func fail(_ error: AuditLogError) {
    status.withLock { if $0.failure == nil { $0.failure = error } }
  }

  /// Queues a batch (waiting while 12 are queued already).
  func write(_ batch: LineageBatch) {
    slots.wait()
    // Through `waiting`, not captured by the block: taken out of it, the batch's buffer is
    // uniquely referenced and can be emptied in place and handed back.
    waiting.withLock { $0.append(batch) }
    queue.async { [self] in
      defer { slots.signal() }
      var batch = waiting.withLock { $0.removeFirst() }
      guard failure == nil else { return }
      do throws(AuditLogError) {
        try store.withLock { store throws(AuditLogError) in try store.write(batch) }
      } catch {
        fail(error)
      }
      batch.movements.removeAll(keepingCapacity: true)
      spare.withLock { if $0.count < 4 { $0.append(batch.movements) } }
    }
  }

  /// An empty movement buffer of at least `capacity`: a returned one if any.
  func movementBuffer(capacity: Int) -> [LineageBatch.Entry] {
    if let reused = spare.withLock({ $0.popLast() }) { return reused }
    var fresh: [LineageBatch.Entry] = []
    fresh.reserveCapacity(capacity)
    return fresh
  }

  func registerFile(zone: ZoneID, table: TableID, path: String) throws(AuditLogError) -> Int64 {
    let result: Result<Int64, AuditLogError> = queue.sync {
      if let failure { return .failure(failure) }
      do throws(AuditLogError) {
        return .success(try store.withLock { store throws(AuditLogError) in
          try store.registerFile(zone: zone, table: table, path: path)
        })
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  func completeFile(id: Int64, sha256: String, bytes: Int64, rows: Int64) {
    queue.async { [self] in
      guard failure == nil else { return }
      do throws(AuditLogError) {
        try store.withLock { store throws(AuditLogError) in
          try store.completeFile(id: id, sha256: sha256, bytes: bytes, rows: rows)
        }
      } catch {
        fail(error)
      }
    }
  }

  /// Waits for the queue, commits and returns the Merkle root; closes the writer.
  func finish() throws(AuditLogError) -> String {
    let result: Result<String, AuditLogError> = queue.sync {
      defer { status.withLock { $0.isOpen = false } }
      if let failure { return .failure(failure) }
      do throws(AuditLogError) {
        return .success(try store.withLock { store throws(AuditLogError) in try store.commit() })
      } catch {
        fail(error)
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Stops the writer if it is still open: queued work is skipped, the queue is waited for and
  /// the run's open transaction is rolled back. The connection goes back to the audit log.
  func abandon() {
    guard isOpen else { return }
    fail(.sqlite(path: store.withLock { $0.db.path }, message: "run writer abandoned"))
    queue.sync {
      store.withLock { $0.rollBack() }
      status.withLock { $0.isOpen = false }
    }
  }
}
