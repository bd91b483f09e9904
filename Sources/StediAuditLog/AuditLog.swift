public import Foundation
public import StediCore

/// The SQLite audit log (`WORKSPACE/audit/audit.sqlite`): runs, files, pseudonymous subjects and
/// every row movement. Schema: `audit/schema.sql`; format: `audit/README.md`.
///
/// Only pseudonyms and key ids are stored, never an email, name, phone or birthday.
///
/// Not thread-safe: the log and its connection belong to one thread, its owner. While a run is
/// open, the owner lends the connection to the run's `LineageWriter` (see `lineageWriter`),
/// whose queue then does every write until the writer is finished or dropped.
public final class AuditLog {
  let db: SQLiteConnection
  /// The queue side of the last run writer handed out (open until finished or abandoned).
  var runWriter: LineageSink?
  /// The database file.
  public let path: String

  /// Opens (creating if needed) and migrates the audit log.
  ///
  /// - Throws: `AuditLogError` if it can't be opened or was written by a newer version.
  public init(path: URL) throws(AuditLogError) {
    self.path = path.path
    db = try SQLiteConnection(path: path.path)
    // 16 KiB pages for a new log (a no-op for an existing one): a range with its digests is
    // about 1.4 KB, and 4 KiB pages left about a seventh of the lineage table unused.
    // Large WAL checkpoints: a run appends millions of rows, and each checkpoint costs an fsync.
    try db.execute("""
      PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
      PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 65536;
      """)
    try migrate()
  }

  /// Opens an existing audit log read-only, without migrating: nothing is ever written to it
  /// (`SQLITE_OPEN_READONLY`).
  ///
  /// A WAL database needs its `-shm` index to be read: where SQLite can't open or create it
  /// (a read-only folder or file system, an auditor without write access) the log is opened
  /// with `immutable=1`, which is safe there because nobody can be writing it either.
  public init(readingFrom path: URL) throws(AuditLogError) {
    self.path = path.path
    guard FileManager.default.fileExists(atPath: path.path) else {
      throw .notFound(path: path.path, what: "audit log")
    }
    db = try Self.openReadOnly(path)
  }

  private static func openReadOnly(_ path: URL) throws(AuditLogError) -> SQLiteConnection {
    do {
      let connection = try SQLiteConnection(path: path.path, readOnly: true)
      try connection.execute("SELECT count(*) FROM sqlite_master")
      return connection
    } catch {
      let connection = try SQLiteConnection(path: immutableURI(path), readOnly: true, uri: true)
      try connection.execute("SELECT count(*) FROM sqlite_master")
      return connection
    }
  }

  /// A `file:` URI of `path` with `immutable=1`.
  static func immutableURI(_ path: URL) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let escaped = path.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path.path
    return "file:\(escaped)?immutable=1"
  }

  /// Starts a read transaction, so that every later query of this connection sees the log as
  /// it is now, even while a writer appends to it (WAL). Readers call it once, right after
  /// they resolved the published run. Ends when the log is released.
  public func beginSnapshot() throws(AuditLogError) {
    try db.execute("BEGIN DEFERRED; SELECT count(*) FROM run;")
  }

  /// The schema version of the database.
  public func schemaVersion() throws(AuditLogError) -> Int {
    let statement = try db.prepare("PRAGMA user_version")
    _ = try statement.next()
    return Int(statement.int(0))
  }

  private func migrate() throws(AuditLogError) {
    let version = try schemaVersion()
    guard version <= Migrations.currentVersion else {
      throw .newerSchema(path: path, found: version, supported: Migrations.currentVersion)
    }
    guard version < Migrations.currentVersion else { return }
    do {
      try db.transaction {
        for index in version..<Migrations.currentVersion {
          try db.execute(Migrations.all[index])
          if index == 0 { try seedReferenceTables() }
          if index == 3 { try convertMovementsToRanges() }
          try db.execute("PRAGMA user_version = \(index + 1)")
        }
      }
    } catch let error as AuditLogError {
      throw error
    } catch {
      throw .sqlite(path: path, message: "\(error)")
    }
  }

  private func seedReferenceTables() throws(AuditLogError) {
    let reason = try db.prepare("INSERT INTO reason (code, name, decision, summary) VALUES (?, ?, ?, ?)")
    for code in ReasonCode.allCases {
      reason.bind(1, code.code)
      reason.bind(2, code.rawValue)
      reason.bind(3, code.decision.rawValue)
      reason.bind(4, code.summary)
      try reason.run()
    }
    let table = try db.prepare("INSERT INTO table_ref (code, name, zone) VALUES (?, ?, ?)")
    for id in TableID.allCases {
      table.bind(1, id.code)
      table.bind(2, id.rawValue)
      table.bind(3, id.zone.rawValue)
      try table.run()
    }
  }

  /// Settles runs that a crash left unfinished: a `committed` run whose outputs were published
  /// (`published` names it) becomes `published`; every other `running` or `committed` run
  /// becomes `failed`, and its movements are deleted (rolled back: only its run row, events
  /// and counts remain, marked failed). Returns the failed run ids. Call only under the
  /// workspace lock.
  @discardableResult
  public func reconcileInterruptedRuns(published: String?, at time: Int64) throws(AuditLogError) -> [String] {
    let select = try db.prepare("SELECT id, run_id FROM run WHERE status IN ('running', 'committed')")
    var pending: [(Int64, String)] = []
    while try select.next() { if let id = select.string(1) { pending.append((select.int(0), id)) } }
    var failed: [String] = []
    for (run, id) in pending {
      if id == published {
        try setStatus(run, .published)
      } else {
        try setStatus(run, .failed, finishedAt: time)
        try dropMovements(run: run)
        failed.append(id)
      }
    }
    // Failed runs whose rows could not be deleted when they failed (a full disk, say).
    let leftover = try db.prepare("SELECT id FROM run WHERE status = 'failed'")
    var failedRuns: [Int64] = []
    while try leftover.next() { failedRuns.append(leftover.int(0)) }
    for run in failedRuns where try movementRange(run: run) != nil { try dropMovements(run: run) }
    return failed
  }

  /// Starts a run; returns its sequence number (the `run.id` other tables refer to).
  public func beginRun(_ run: RunRecord) throws(AuditLogError) -> Int64 {
    let insert = try db.prepare("""
      INSERT INTO run (run_id, started_at, status, policy_name, policy_sha256, tool_version, pseudonym_key_id)
      VALUES (?, ?, 'running', ?, ?, ?, ?) RETURNING id
      """)
    insert.bind(1, run.runID)
    insert.bind(2, run.startedAt)
    insert.bind(3, run.policyName)
    insert.bind(4, run.policySHA256)
    insert.bind(5, run.toolVersion)
    insert.bind(6, run.pseudonymKeyID)
    guard try insert.next() else { throw .sqlite(path: path, message: "run not stored") }
    let id = insert.int(0)
    insert.reset()
    return id
  }

  /// The run's one writer: until it is finished (or dropped), it owns this log's connection,
  /// and the run's files, subjects and movements are written through it. Don't use the log
  /// meanwhile.
  ///
  /// - Throws: `AuditLogError` if another run's writer is still open on this log.
  public func lineageWriter(run: Int64, transactionSize: Int = 500_000) throws(AuditLogError) -> LineageWriter {
    if let open = runWriter, open.isOpen { throw .sqlite(path: path, message: "a run writer is already open") }
    let writer = try LineageWriter(db: db, run: run, transactionSize: transactionSize)
    runWriter = writer.sink
    return writer
  }

  /// Stores the run's counts and hazards and sets its final status.
  public func finishRun(
    _ run: Int64, status: RunStatus, finishedAt: Int64, counts: [TableCounts], hazards: [Hazard],
    summaryJSON: String?
  ) throws(AuditLogError) {
    do {
      try db.transaction {
        let count = try db.prepare("""
          INSERT INTO table_count (run, table_code, rows_in, admitted, excluded, quarantined, rows_out)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """)
        let reason = try db.prepare("INSERT INTO reason_count (run, table_code, reason, rows) VALUES (?, ?, ?, ?)")
        for table in counts {
          count.bind(1, run)
          count.bind(2, table.table.code)
          count.bind(3, table.rowsIn)
          count.bind(4, table.admitted)
          count.bind(5, table.excludedTotal)
          count.bind(6, table.quarantinedTotal)
          count.bind(7, table.rowsOut)
          try count.run()
          for (code, rows) in table.byReason.sorted(by: { $0.key.code < $1.key.code }) where rows > 0 {
            reason.bind(1, run)
            reason.bind(2, table.table.code)
            reason.bind(3, code.code)
            reason.bind(4, rows)
            try reason.run()
          }
        }
        let hazard = try db.prepare("INSERT INTO hazard (run, kind, table_code, count) VALUES (?, ?, ?, ?)")
        for item in hazards {
          hazard.bind(1, run)
          hazard.bind(2, item.kind)
          hazard.bind(3, item.table.code)
          hazard.bind(4, item.count)
          try hazard.run()
        }
        try setStatus(run, status, finishedAt: finishedAt, summaryJSON: summaryJSON)
      }
    } catch let error as AuditLogError {
      throw error
    } catch {
      throw .sqlite(path: path, message: "\(error)")
    }
  }

  /// Sets a run's status (for example `published` once its outputs are visible).
  public func setStatus(_ run: Int64, _ status: RunStatus, finishedAt: Int64? = nil, summaryJSON: String? = nil) throws(AuditLogError) {
    let update = try db.prepare("""
      UPDATE run SET status = ?, finished_at = coalesce(?, finished_at),
        summary_json = coalesce(?, summary_json) WHERE id = ?
      """)
    update.bind(1, status.rawValue)
    update.bind(2, finishedAt)
    update.bind(3, summaryJSON)
    update.bind(4, run)
    try update.run()
  }
}

/// The status of a run in the audit log.
public enum RunStatus: String, Hashable, Sendable, Codable {
  case running, committed, published, failed
}

/// What the audit log records about a run when it starts.
public struct RunRecord: Hashable, Sendable {
  public var runID: String
  public var startedAt: Int64
  public var policyName: String
  public var policySHA256: String
  public var toolVersion: String
  public var pseudonymKeyID: String

  public init(
    runID: String, startedAt: Int64, policyName: String, policySHA256: String,
    toolVersion: String, pseudonymKeyID: String
  ) {
    self.runID = runID
    self.startedAt = startedAt
    self.policyName = policyName
    self.policySHA256 = policySHA256
    self.toolVersion = toolVersion
    self.pseudonymKeyID = pseudonymKeyID
  }
}

/// A privacy hazard found in a run (for example `cross_customer_join`).
public struct Hazard: Hashable, Sendable, Codable {
  public var kind: String
  public var table: TableID
  public var count: Int64
  public var description: String

  public init(kind: String, table: TableID, count: Int64, description: String) {
    self.kind = kind
    self.table = table
    self.count = count
    self.description = description
  }
}
