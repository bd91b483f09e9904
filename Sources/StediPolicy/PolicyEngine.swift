public import StediCore

/// Decides every row of a run under a `Policy`: admitted into a table, or excluded with a reason.
/// Semantics: `docs/semantics.md`.
///
/// The engine is built from the run's customer records (`resolveCustomers`) and then learns, as
/// the run goes, which customers have trusted readings and which are curated.
public struct PolicyEngine: Sendable {
  public let policy: Policy
  public private(set) var registry: CustomerRegistry
  private var hasReadings: [Bool]
  /// The serial number of each customer's curated row, once curated.
  private var curatedSerial: [String?]
  private var curatedSerials: Set<String> = []
  /// The last reading's user and customer: readings come in runs of one user, so most lookups
  /// (and email normalisations) are skipped.
  private var lastUser: (user: String, customer: CustomerIndex?)?

  private init(policy: Policy, registry: CustomerRegistry) {
    self.policy = policy
    self.registry = registry
    hasReadings = Array(repeating: false, count: registry.count)
    curatedSerial = Array(repeating: nil, count: registry.count)
  }

  // MARK: customer_trusted

  /// Resolves the customer landing records (in file, then line order) into customers and decides
  /// each record for `customer_trusted`. Returns the engine and one decision per record.
  ///
  /// `isWithdrawn` tells, by email key, which customers withdrew consent: their records that would
  /// have been admitted are excluded as `withdrawn`, and so is every reading of theirs.
  public static func resolveCustomers(
    policy: Policy, records: [CustomerRecord], isWithdrawn: (String) -> Bool = { _ in false }
  ) -> (PolicyEngine, [Decision<CustomerRecord>]) {
    var registry = CustomerRegistry()
    var owners: [CustomerIndex] = []
    owners.reserveCapacity(records.count)
    for record in records {
      let customer = registry.index(of: policy.emailKey(record.email))
      owners.append(customer)
      registry.addSerial(record.serialNumber, to: customer)
    }
    var decisions: [Decision<CustomerRecord>?] = Array(repeating: nil, count: records.count)
    switch policy.conflicts {
    case .keepAll:
      for (position, record) in records.enumerated() {
        let customer = owners[position]
        if let since = record.time(policy.consentField) {
          decisions[position] = .admitted(Admitted(record, into: .customerTrusted, customer: customer))
          let earliest: Int64
          if case .consented(let previous) = registry.status(customer) {
            earliest = min(previous, since)
          } else {
            earliest = since
          }
          registry.setStatus(.consented(since: earliest), of: customer)
        } else {
          decisions[position] = .excluded(.noConsent, .customer(customer))
        }
      }
    case .latestUpdateWins:
      var groups: [[Int]] = Array(repeating: [], count: registry.count)
      for (position, customer) in owners.enumerated() { groups[customer.index].append(position) }
      for (index, group) in groups.enumerated() {
        let customer = CustomerIndex(index)
        var distinct: [Int] = []
        for position in group {
          if distinct.contains(where: { records[$0] == records[position] }) {
            decisions[position] = .excluded(.duplicate, .customer(customer))
          } else {
            distinct.append(position)
          }
        }
        let updated = { (position: Int) -> Int64 in
          records[position].lastUpdateDate ?? records[position].registrationDate ?? Int64.min
        }
        let latest = distinct.map(updated).max() ?? Int64.min
        let winners = distinct.filter { updated($0) == latest }
        guard winners.count == 1, let winner = winners.first else {
          for position in distinct { decisions[position] = .excluded(.ambiguousCustomer, .customer(customer)) }
          registry.setStatus(.ambiguous, of: customer)
          continue
        }
        for position in distinct where position != winner {
          decisions[position] = .excluded(.superseded, .customer(customer))
        }
        if let since = records[winner].time(policy.consentField) {
          decisions[winner] = .admitted(Admitted(records[winner], into: .customerTrusted, customer: customer))
          registry.setStatus(.consented(since: since), of: customer)
        } else {
          decisions[winner] = .excluded(.noConsent, .customer(customer))
          registry.setStatus(.notConsented, of: customer)
        }
      }
    }
    for index in 0..<registry.count where isWithdrawn(registry.emailKeys[index]) {
      let customer = CustomerIndex(index)
      registry.setStatus(.withdrawn, of: customer)
      for position in owners.indices where owners[position] == customer {
        if case .admitted = decisions[position] { decisions[position] = .excluded(.withdrawn, .customer(customer)) }
      }
    }
    let engine = PolicyEngine(policy: policy, registry: registry)
    // Every record got exactly one decision above.
    return (engine, decisions.map { $0 ?? .excluded(.schemaViolation, .none) })
  }

  // MARK: accelerometer_trusted

  /// Decides an accelerometer reading for `accelerometer_trusted`.
  public mutating func decide(_ reading: AccelerometerReading) -> Decision<AccelerometerReading> {
    let found: CustomerIndex?
    var reading = reading
    if let last = lastUser, last.user == reading.user {
      found = last.customer
      reading.user = last.user  // Share one copy of the text across a run of readings.
    } else {
      found = registry.customer(emailKey: policy.emailKey(reading.user))
      lastUser = (reading.user, found)
    }
    guard let customer = found else {
      return .excluded(.unknownUser, .unregistered(emailKey: policy.emailKey(reading.user)))
    }
    if let reason = consentReason(customer, at: reading.timestamp) {
      return .excluded(reason, .customer(customer))
    }
    hasReadings[customer.index] = true
    return .admitted(Admitted(reading, into: .accelerometerTrusted, customer: customer))
  }

  /// Why a reading of `customer` taken at `time` may not be used, or nil if it may.
  private func consentReason(_ customer: CustomerIndex, at time: Int64) -> ReasonCode? {
    switch registry.status(customer) {
    case .ambiguous: return .ambiguousCustomer
    case .withdrawn: return .withdrawn
    case .notConsented: return .noConsent
    case .consented(let since):
      if policy.consentApplies == .fromConsentTime, time < since { return .beforeConsent }
      return nil
    }
  }

  // MARK: step_trainer_trusted

  /// Decides a step-trainer reading for `step_trainer_trusted`.
  ///
  /// Under `step_trainer_requires_curated_customer`, call it after the customers were curated.
  public func decide(_ reading: StepTrainerReading) -> Decision<StepTrainerReading> {
    guard let slot = registry.serialOwners.index(forKey: reading.serialNumber) else {
      return .excluded(.unknownSerial, .none)
    }
    // Admitted rows share the registry's copy of the serial: no string per row in memory.
    var reading = reading
    let (serial, owner) = registry.serialOwners[slot]
    reading.serialNumber = serial
    let attributed: CustomerIndex?
    if case .one(let customer) = owner { attributed = customer } else { attributed = nil }
    if policy.stepTrainerRequiresCuratedCustomer {
      guard curatedSerials.contains(reading.serialNumber) else {
        return .excluded(.notCurated, attributed.map(Subject.customer) ?? .none)
      }
      if policy.consentApplies == .wheneverPresent {
        return .admitted(Admitted(reading, into: .stepTrainerTrusted, customer: attributed))
      }
    }
    guard let customer = attributed else { return .excluded(.ambiguousSerial, .none) }
    if let reason = consentReason(customer, at: reading.sensorReadingTime) {
      return .excluded(reason, .customer(customer))
    }
    return .admitted(Admitted(reading, into: .stepTrainerTrusted, customer: customer))
  }

  // MARK: customer_curated

  /// Decides a `customer_trusted` row for `customer_curated`; call it after every accelerometer
  /// reading was decided.
  public mutating func decideCurated(_ trusted: Admitted<CustomerRecord>) -> Decision<CustomerRecord> {
    precondition(trusted.destination == .customerTrusted, "not a customer_trusted row")
    guard let customer = trusted.customer else { return .excluded(.noReadings, .none) }
    guard hasReadings[customer.index] else { return .excluded(.noReadings, .customer(customer)) }
    guard curatedSerial[customer.index] == nil else {
      return .excluded(.duplicate, .customer(customer))
    }
    curatedSerial[customer.index] = trusted.row.serialNumber
    curatedSerials.insert(trusted.row.serialNumber)
    return .admitted(Admitted(trusted.row, into: .customerCurated, customer: customer))
  }

  // MARK: machine_learning_curated

  /// Whether the policy joins these two trusted readings into a machine-learning row.
  ///
  /// Under `customer_and_time` they must belong to the same customer and share a time; under
  /// `time_only` the time suffices and a pair of different customers is flagged `crossCustomer`.
  public func pair(
    _ step: Admitted<StepTrainerReading>, _ accelerometer: Admitted<AccelerometerReading>
  ) -> Admitted<MachineLearningPair>? {
    precondition(step.destination == .stepTrainerTrusted && accelerometer.destination == .accelerometerTrusted)
    guard step.row.sensorReadingTime == accelerometer.row.timestamp else { return nil }
    switch policy.machineLearningJoin {
    case .customerAndTime:
      guard let customer = step.customer, customer == accelerometer.customer else { return nil }
      let pair = MachineLearningPair(step: step.row, accelerometer: accelerometer.row, crossCustomer: false)
      return Admitted(pair, into: .machineLearningCurated, customer: customer)
    case .timeOnly:
      let owns = accelerometer.customer.map { curatedSerial[$0.index] == step.row.serialNumber } ?? false
      let pair = MachineLearningPair(step: step.row, accelerometer: accelerometer.row, crossCustomer: !owns)
      return Admitted(pair, into: .machineLearningCurated, customer: accelerometer.customer)
    }
  }
}

extension PolicyEngine {
  /// Who owns a serial number, for checks of outputs made elsewhere.
  public enum SerialOwnership: Hashable, Sendable {
    case unknown
    case one(CustomerIndex)
    case several
  }

  /// The owner of a serial number among the resolved customers.
  public func ownership(ofSerial serial: String) -> SerialOwnership {
    switch registry.serialOwners[serial] {
    case nil: .unknown
    case .one(let customer): .one(customer)
    case .several: .several
    }
  }

  /// Why a row of `customer` dated `time` (if known) may not be in a trusted or curated table
  /// under this policy, or nil if it may.
  public func violation(of customer: CustomerIndex, at time: Int64?) -> ReasonCode? {
    switch registry.status(customer) {
    case .ambiguous: return .ambiguousCustomer
    case .withdrawn: return .withdrawn
    case .notConsented: return .noConsent
    case .consented(let since):
      if policy.consentApplies == .fromConsentTime, let time, time < since { return .beforeConsent }
      return nil
    }
  }
}
