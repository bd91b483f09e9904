import Foundation
import StediCore
import StediCuration
import StediKeys
import StediPolicy

/// Re-checks output rows against the policy and the landing data, independently of the audit
/// log: every row must belong to a consented customer (and, where the policy says so, be dated
/// at or after the consent). Works on stedi-audit's outputs and on other tools' (e.g. Spark's).
struct ConsentAuditor {
  let policy: Policy
  let engine: PolicyEngine
  let pseudonymizer: Pseudonymizer?
  /// Customers by pseudonym (to resolve `customerId` columns), when a key is known.
  let byPseudonym: [String: CustomerIndex]

  init(policy: Policy, landing: LandingSet, pseudonymizer: Pseudonymizer?, withdrawn: Set<String>) throws {
    var records: [CustomerRecord] = []
    var coercions = Coercions()
    for file in landing.files(of: .customerLanding) {
      try LineReader(fileURL: file.url).forEachLine { _, line in
        if LineReader.isBlank(line) { return }
        let decoded = CustomerRecord.decode(line: line, options: policy.input, coercions: &coercions)
        if case .success(let record) = decoded { records.append(record) }
      }
    }
    let (engine, _) = PolicyEngine.resolveCustomers(policy: policy, records: records) { emailKey in
      guard let pseudonymizer else { return false }
      return Policy.isWithdrawn(emailKey: emailKey, among: withdrawn, pseudonymizer: pseudonymizer)
    }
    self.policy = policy
    self.engine = engine
    self.pseudonymizer = pseudonymizer
    var byPseudonym: [String: CustomerIndex] = [:]
    if let pseudonymizer {
      for key in engine.registry.emailKeys {
        if let customer = engine.registry.customer(emailKey: key) {
          byPseudonym[pseudonymizer.pseudonym(ofEmailKey: key)] = customer
        }
      }
    }
    self.byPseudonym = byPseudonym
  }

  /// Checks every row of a JSON-lines output file; returns the number of rows checked.
  func audit(
    table: String, file: URL, encoding: LineReader.Encoding = .plain, displayPath: String, into violations: inout [CheckViolation]
  ) throws -> Int64 {
    var rows: Int64 = 0
    let isCustomerTable = table.hasPrefix("customer_")
    try LineReader(fileURL: file, encoding: encoding).forEachLine { number, line in
      if LineReader.isBlank(line) { return }
      rows += 1
      func violation(_ reason: String, _ customer: CustomerIndex?) {
        violations.append(CheckViolation(
          table: table, file: displayPath, line: Int64(number), reason: reason,
          pseudonym: customer.flatMap { pseudonym(of: $0) } ?? "-"))
      }
      guard let fields = OutputRowFields(line: line) else { return violation("malformed", nil) }
      var person: CustomerIndex?
      if let email = fields.email ?? fields.user {
        guard let customer = engine.registry.customer(emailKey: policy.emailKey(email)) else {
          return violation(ReasonCode.unknownUser.rawValue, nil)
        }
        person = customer
      } else if let customerId = fields.customerId {
        guard let customer = byPseudonym[customerId] else { return violation("unknown_customer_id", nil) }
        person = customer
      }
      let time = fields.sensorReadingTime ?? fields.timestamp
      var owner: CustomerIndex?
      if !isCustomerTable, let serial = fields.serialNumber {
        switch engine.ownership(ofSerial: serial) {
        case .unknown: return violation(ReasonCode.unknownSerial.rawValue, person)
        case .several:
          if !policy.stepTrainerRequiresCuratedCustomer { return violation(ReasonCode.ambiguousSerial.rawValue, person) }
        case .one(let customer): owner = customer
        }
      }
      guard person != nil || owner != nil || policy.stepTrainerRequiresCuratedCustomer else {
        return violation("unattributable", nil)
      }
      for customer in [person, owner].compactMap({ $0 }) {
        if let reason = engine.violation(of: customer, at: time) { return violation(reason.rawValue, customer) }
      }
      if let person, let owner, person != owner, policy.machineLearningJoin == .customerAndTime {
        return violation("cross_customer_join", person)
      }
    }
    return rows
  }

  private func pseudonym(of customer: CustomerIndex) -> String? {
    pseudonymizer?.pseudonym(ofEmailKey: engine.registry.emailKeys[customer.index])
  }
}

/// The identity and time fields of an output row. Keys match in any ASCII case (the Glue
/// Catalog and Athena lower-case column names: `serialnumber`, `sensorreadingtime`), times may
/// be integral floats (`1655564414415.0`), and other columns (Glue's partition columns, a job's
/// own) are ignored.
struct OutputRowFields {
  var email: String?
  var user: String?
  var customerId: String?
  var serialNumber: String?
  var timestamp: Int64?
  var sensorReadingTime: Int64?

  init?(line: UnsafeRawBufferPointer) {
    var scanner = FlatJSONScanner(line)
    do {
      while let member = try scanner.nextMember() {
        switch (member.key.makeString().lowercased(), member.value) {
        case ("email", .string(let value)): email = value.makeString()
        case ("user", .string(let value)): user = value.makeString()
        case ("customerid", .string(let value)): customerId = value.makeString()
        case ("serialnumber", .string(let value)): serialNumber = value.makeString()
        case ("timestamp", .number(let value)): timestamp = value.integralValue
        case ("sensorreadingtime", .number(let value)): sensorReadingTime = value.integralValue
        default: continue
        }
      }
    } catch {
      return nil
    }
  }
}

/// One row that should not be in a trusted or curated table.
public struct CheckViolation: Hashable, Sendable, Codable {
  public var table: String
  public var file: String
  public var line: Int64
  /// A reason code (`no_consent`, `before_consent`, …) or `cross_customer_join`,
  /// `unknown_customer_id`, `unattributable`, `malformed`, `missing_lineage`.
  public var reason: String
  /// The customer's keyed pseudonym, or `-` when unknown.
  public var pseudonym: String

  /// One line: `table file:line reason pseudonym`.
  public var text: String { "\(table) \(file):\(line) \(reason) \(pseudonym)" }
}
