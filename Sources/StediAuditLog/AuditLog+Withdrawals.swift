/// A consent withdrawal: the customer's pseudonym (never the email) and when it took effect.
public struct Withdrawal: Hashable, Sendable {
  public var keyID: String
  public var pseudonym: String
  public var asOf: Int64
  public var recordedAt: Int64

  public init(keyID: String, pseudonym: String, asOf: Int64, recordedAt: Int64) {
    self.keyID = keyID
    self.pseudonym = pseudonym
    self.asOf = asOf
    self.recordedAt = recordedAt
  }
}

extension AuditLog {
  /// Records a withdrawal (a second withdrawal of the same pseudonym keeps the first) and
  /// appends a `consent_withdrawn` event. Returns false if it was already recorded.
  @discardableResult
  public func recordWithdrawal(_ withdrawal: Withdrawal) throws(AuditLogError) -> Bool {
    let insert = try db.prepare("""
      INSERT OR IGNORE INTO withdrawal (key_id, pseudonym, as_of, recorded_at) VALUES (?, ?, ?, ?)
      """)
    insert.bind(1, withdrawal.keyID)
    insert.bind(2, withdrawal.pseudonym)
    insert.bind(3, withdrawal.asOf)
    insert.bind(4, withdrawal.recordedAt)
    try insert.run()
    let changes = try rows("SELECT changes()").first?.first ?? "0"
    guard changes != "0" else { return false }
    let body = AuditEventRecord.ConsentWithdrawn(
      asOf: withdrawal.asOf, keyId: withdrawal.keyID, pseudonym: withdrawal.pseudonym)
    try appendEvent(.consentWithdrawn(body), run: nil, at: withdrawal.recordedAt)
    return true
  }

  /// Every withdrawal, oldest first.
  public func withdrawals() throws(AuditLogError) -> [Withdrawal] {
    let select = try db.prepare("SELECT key_id, pseudonym, as_of, recorded_at FROM withdrawal ORDER BY id")
    var out: [Withdrawal] = []
    while try select.next() {
      out.append(Withdrawal(
        keyID: select.string(0) ?? "", pseudonym: select.string(1) ?? "", asOf: select.int(2),
        recordedAt: select.int(3)))
    }
    return out
  }

  /// Stores the policy text a run used (YAML; no identities).
  public func setPolicyText(_ run: Int64, _ text: String) throws(AuditLogError) {
    let update = try db.prepare("UPDATE run SET policy_text = ? WHERE id = ?")
    update.bind(1, text)
    update.bind(2, run)
    try update.run()
  }

  /// A run's stored policy text and summary JSON.
  public func stored(run: Int64) throws(AuditLogError) -> (policyText: String?, summaryJSON: String?) {
    let select = try db.prepare("SELECT policy_text, summary_json FROM run WHERE id = ?")
    select.bind(1, run)
    guard try select.next() else { throw .notFound(path: path, what: "run \(run)") }
    return (select.string(0), select.string(1))
  }
}
