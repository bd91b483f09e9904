import Foundation
import StediCore
import StediKeys

/// A run-level event of the audit log's hash chain.
public struct AuditEvent: Hashable, Sendable {
  public var id: Int64
  public var run: Int64?
  public var runID: String?
  public var at: Int64
  public var kind: String
  /// JSON; never an identity.
  public var body: String
  public var previousHash: String
  public var hash: String

  /// The hash of an event: SHA-256 over `prev_hash ‖ LF ‖ run_id ‖ LF ‖ at ‖ LF ‖ kind ‖ LF ‖ body`
  /// (UTF-8, `run_id` empty for events of no run), as hex. The first event's `prev_hash` is 64
  /// zeros.
  public static func hash(previous: String, runID: String?, at: Int64, kind: String, body: String) -> String {
    RowDigester.sha256Hex(Data("\(previous)\n\(runID ?? "")\n\(at)\n\(kind)\n\(body)".utf8))
  }

  public static let genesis = String(repeating: "0", count: 64)

  /// The event's kind, nil if the log holds a kind this version does not know.
  public var type: AuditEventKind? { AuditEventKind(rawValue: kind) }

  /// The event with its typed body, nil if the kind is unknown or the body is not that kind's
  /// (an altered record: the hash check names it).
  public var record: AuditEventRecord? { AuditEventRecord(kind: kind, body: body) }
}

extension AuditLog {
  /// Appends an event to the hash chain; returns its hash.
  @discardableResult
  public func appendEvent(_ record: AuditEventRecord, run: Int64?, at: Int64) throws(AuditLogError) -> String {
    let kind = record.kind.rawValue
    let body = record.body
    let last = try db.prepare("SELECT hash FROM event ORDER BY id DESC LIMIT 1")
    let previous = try last.next() ? (last.string(0) ?? AuditEvent.genesis) : AuditEvent.genesis
    var runID: String?
    if let run {
      let select = try db.prepare("SELECT run_id FROM run WHERE id = ?")
      select.bind(1, run)
      if try select.next() { runID = select.string(0) }
    }
    let hash = AuditEvent.hash(previous: previous, runID: runID, at: at, kind: kind, body: body)
    let insert = try db.prepare("INSERT INTO event (run, at, kind, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")
    insert.bind(1, run)
    insert.bind(2, at)
    insert.bind(3, kind)
    insert.bind(4, body)
    insert.bind(5, previous)
    insert.bind(6, hash)
    try insert.run()
    return hash
  }

  /// Every event, in order.
  public func events() throws(AuditLogError) -> [AuditEvent] {
    let select = try db.prepare("""
      SELECT e.id, e.run, r.run_id, e.at, e.kind, e.body, e.prev_hash, e.hash
      FROM event e LEFT JOIN run r ON r.id = e.run ORDER BY e.id
      """)
    var out: [AuditEvent] = []
    while try select.next() {
      out.append(AuditEvent(
        id: select.int(0), run: select.isNull(1) ? nil : select.int(1), runID: select.string(2),
        at: select.int(3), kind: select.string(4) ?? "", body: select.string(5) ?? "",
        previousHash: select.string(6) ?? "", hash: select.string(7) ?? ""))
    }
    return out
  }

  /// Stores a run's audit commitment.
  public func setCommitment(_ run: Int64, merkleRoot: String, movements: Int64) throws(AuditLogError) {
    let update = try db.prepare("UPDATE run SET merkle_root = ?, movements = ? WHERE id = ?")
    update.bind(1, merkleRoot)
    update.bind(2, movements)
    update.bind(3, run)
    try update.run()
  }

  /// Stores the digest of a run's signed manifest.
  public func setManifest(_ run: Int64, sha256: String) throws(AuditLogError) {
    let update = try db.prepare("UPDATE run SET manifest_sha256 = ? WHERE id = ?")
    update.bind(1, sha256)
    update.bind(2, run)
    try update.run()
  }
}
