import CSQLite
import Dispatch
public import StediCore
import Synchronization

/// The one writer of a run: while it is open it owns the audit log's connection, and every write
/// of the run (file registrations and completions, subjects, movements) goes through its serial
/// queue, in the order the deciding thread asked for them.
///
/// Movements are handed over in batches; the queue coalesces each batch into `MovementRange`s
/// (consecutive lines of one file with the same decision and subject are one record) and
/// inserts them in transactions of about `transactionSize` movements; the run's Merkle
/// commitment (RFC 6962, one leaf per movement, in the ranges' order) is computed on the queue
/// too, so the deciding thread only fills batches. Subjects get a `SubjectToken` at once, in order of first use; the queue stores
/// them before the movements that name them and maps each token to its `subject.id`. Only
/// `registerFile` waits for the queue (a few times per run), to get the file's id back from
/// `INSERT … RETURNING id`.
///
/// Errors of the queue surface at the next `registerFile`, batch hand-over or `finish`. Call
/// `finish()` to commit and get the commitment; a writer dropped unfinished (a run that threw)
/// waits for its queue and rolls the run's transaction back. Either way the connection goes
/// back to the `AuditLog`.
///
/// Not `Sendable`: the batch being filled belongs to the deciding thread.
public final class LineageWriter {
  let sink: LineageSink
  private var batch = LineageBatch()
  private var subjects: Int32 = 0
  /// Movements recorded so far.
  public private(set) var count: Int64 = 0

  private static let batchCapacity = MovementRange.maxRows

  init(db: SQLiteConnection, run: Int64, transactionSize: Int) throws(AuditLogError) {
    sink = try LineageSink(db: db, run: run, transactionSize: max(1, transactionSize))
    batch.movements.reserveCapacity(Self.batchCapacity)
  }

  deinit { sink.abandon() }

  /// The writer's state, for the `AuditLog` that lent it the connection.
  var isOpen: Bool { sink.isOpen }

  /// Records one movement; `subject` names its subject (see `subject(keyID:pseudonym:bytes:)`).
  /// The movement's own `subject` field is ignored: the queue sets it from the token.
  public func record(_ movement: Movement, subject: SubjectToken?) throws(AuditLogError) {
    batch.movements.append(LineageBatch.Entry(movement: movement, subject: subject?.index ?? -1))
    count += 1
    if batch.movements.count >= Self.batchCapacity { try handOver() }
  }

  /// The token of a subject, stored (`INSERT OR IGNORE` semantics: a pseudonym already known
  /// keeps its id) before any movement recorded after this call. Call once per subject: the
  /// caller caches tokens. `bytes` are the pseudonym's 16 bytes, for the Merkle leaves.
  public func subject(keyID: String, pseudonym: String, bytes: Digest128) -> SubjectToken {
    batch.subjects.append(LineageBatch.NewSubject(keyID: keyID, pseudonym: pseudonym, bytes: bytes))
    defer { subjects += 1 }
    return SubjectToken(index: subjects)
  }

  /// Registers a file read or written by the run; returns its id. Waits for the queue.
  public func registerFile(zone: ZoneID, table: TableID, path: String) throws(AuditLogError) -> Int64 {
    try handOver()
    return try sink.registerFile(zone: zone, table: table, path: path)
  }

  /// Records a file's digest, size and row count once it is complete (queued).
  public func completeFile(id: Int64, sha256: String, bytes: Int64, rows: Int64) throws(AuditLogError) {
    try handOver()
    sink.completeFile(id: id, sha256: sha256, bytes: bytes, rows: rows)
  }

  /// Commits what is pending; returns the number of movements and their Merkle root (hex). The
  /// connection goes back to the audit log.
  public func finish() throws(AuditLogError) -> (movements: Int64, merkleRoot: String) {
    try handOver()
    return (count, try sink.finish())
  }

  private func handOver() throws(AuditLogError) {
    if let failure = sink.failure { throw failure }
    guard !batch.movements.isEmpty || !batch.subjects.isEmpty else { return }
    let full = batch
    batch = LineageBatch(movements: sink.movementBuffer(capacity: Self.batchCapacity))
    sink.write(full)
  }
}

/// A subject as the deciding thread names it: its place in the order of first use. The
/// writer's queue maps it to the `subject.id` that `INSERT … RETURNING id` gave it.
public struct SubjectToken: Hashable, Sendable {
  let index: Int32
}

/// What the deciding thread hands over at once: subjects first named, then movements.
struct LineageBatch: Sendable {
  struct NewSubject: Sendable {
    var keyID: String
    var pseudonym: String
    var bytes: Digest128
  }
  struct Entry: Sendable {
    var movement: Movement
    /// The subject token's index, or -1.
    var subject: Int32
  }
  var subjects: [NewSubject] = []
  var movements: [Entry] = []
}
