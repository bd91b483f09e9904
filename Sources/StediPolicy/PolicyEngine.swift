public import StediCore

/// Decides every row of a run under a `Policy`: admitted into a table, or excluded with a reason.
/// Semantics: `docs/semantics.md`.
///
/// The engine carries out the policy's `DecisionPlan`: each decision walks the guards the plan
/// lists for the row's table, in the plan's order (compiled once into small arrays of checks, so
/// a row costs no lookup in the plan). The engine is built from the run's customer records
/// (`resolveCustomers`) and then learns, as the run goes, which customers have trusted readings
/// and which are curated.
public struct PolicyEngine: Sendable {
  public let policy: Policy
  /// The plan the engine carries out.
  public let plan: DecisionPlan
  public private(set) var registry: CustomerRegistry
  /// The plan's guards, without the decoding ones (the landing readers apply those).
  private let accelerometerGuards: [GuardCheck]
  private let stepTrainerGuards: [GuardCheck]
  private let curationGuards: [GuardCheck]
  /// The guards on a customer's status (those of `accelerometer_trusted` after attribution).
  private let statusGuards: [GuardCheck]
  private let joinRule: JoinRule
  private let countsCrossCustomer: Bool
  private var hasReadings: [Bool]
  /// The serial number of each customer's curated row, once curated.
  private var curatedSerial: [String?]
  private var curatedSerials: Set<String> = []
  /// The last reading's user and customer: readings come in runs of one user, so most lookups
  /// (and email normalisations) are skipped.
  private var lastUser: (user: String, customer: CustomerIndex?)?

  private init(policy: Policy, plan: DecisionPlan, registry: CustomerRegistry) {
    self.policy = policy
    self.plan = plan
    self.registry = registry
    let decoding: Set<GuardCheck> = [.jsonSyntax, .tableSchema]
    accelerometerGuards = plan.guards(of: .accelerometerTrusted).filter { !decoding.contains($0) }
    stepTrainerGuards = plan.guards(of: .stepTrainerTrusted).filter { !decoding.contains($0) }
    curationGuards = plan.guards(of: .customerCurated)
    statusGuards = accelerometerGuards.filter { $0 != .userUnknown }
    joinRule = plan.joins.first { $0.table == .machineLearningCurated }?.rule ?? policy.machineLearningJoin
    countsCrossCustomer = plan.hazards.contains { $0.kind == .crossCustomerJoin }
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
    let plan = DecisionPlan(compiling: policy)
    var registry = CustomerRegistry()
    var owners: [CustomerIndex] = []
    owners.reserveCapacity(records.count)
    for record in records {
      let customer = registry.index(of: policy.emailKey(record.email))
      owners.append(customer)
      registry.addSerial(record.serialNumber, to: customer)
    }
    var decisions: [Decision<CustomerRecord>?] = Array(repeating: nil, count: records.count)
    // Customer resolution is a group step: the plan's `identity.conflicts` names which one.
    switch plan.identity.conflicts {
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
    let engine = PolicyEngine(policy: policy, plan: plan, registry: registry)
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
    let status = found.map { registry.status($0) }
    for check in accelerometerGuards {
      if check == .userUnknown {
        guard found == nil else { continue }
        return .excluded(.unknownUser, .unregistered(emailKey: policy.emailKey(reading.user)))
      }
      if let customer = found, let status, let reason = Self.statusReason(check, status, at: reading.timestamp) {
        return .excluded(reason, .customer(customer))
      }
    }
    guard let customer = found else {
      return .excluded(.unknownUser, .unregistered(emailKey: policy.emailKey(reading.user)))
    }
    hasReadings[customer.index] = true
    return .admitted(Admitted(reading, into: .accelerometerTrusted, customer: customer))
  }

  // MARK: step_trainer_trusted

  /// Decides a step-trainer reading for `step_trainer_trusted`.
  ///
  /// Under `step_trainer_requires_curated_customer`, call it after the customers were curated.
  public func decide(_ reading: StepTrainerReading) -> Decision<StepTrainerReading> {
    var reading = reading
    var attributed: CustomerIndex?
    let slot = registry.serialOwners.index(forKey: reading.serialNumber)
    if let slot {
      // Admitted rows share the registry's copy of the serial: no string per row in memory.
      let (serial, owner) = registry.serialOwners[slot]
      reading.serialNumber = serial
      if case .one(let customer) = owner { attributed = customer }
    }
    let status = attributed.map { registry.status($0) }
    for check in stepTrainerGuards {
      switch check {
      case .serialUnknown:
        if slot == nil { return .excluded(.unknownSerial, .none) }
      case .serialNotCurated:
        if !curatedSerials.contains(reading.serialNumber) {
          return .excluded(.notCurated, attributed.map(Subject.customer) ?? .none)
        }
      case .serialShared:
        if attributed == nil { return .excluded(.ambiguousSerial, .none) }
      default:
        if let customer = attributed, let status, let reason = Self.statusReason(check, status, at: reading.sensorReadingTime) {
          return .excluded(reason, .customer(customer))
        }
      }
    }
    return .admitted(Admitted(reading, into: .stepTrainerTrusted, customer: attributed))
  }

  // MARK: customer_curated

  /// Decides a `customer_trusted` row for `customer_curated`; call it after every accelerometer
  /// reading was decided.
  public mutating func decideCurated(_ trusted: Admitted<CustomerRecord>) -> Decision<CustomerRecord> {
    precondition(trusted.destination == .customerTrusted, "not a customer_trusted row")
    guard let customer = trusted.customer else { return .excluded(.noReadings, .none) }
    for check in curationGuards {
      switch check {
      case .customerWithoutReadings:
        if !hasReadings[customer.index] { return .excluded(.noReadings, .customer(customer)) }
      case .customerAlreadyCurated:
        if curatedSerial[customer.index] != nil { return .excluded(.duplicate, .customer(customer)) }
      default: continue
      }
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
    switch joinRule {
    case .customerAndTime:
      guard let customer = step.customer, customer == accelerometer.customer else { return nil }
      let pair = MachineLearningPair(step: step.row, accelerometer: accelerometer.row, crossCustomer: false)
      return Admitted(pair, into: .machineLearningCurated, customer: customer)
    case .timeOnly:
      let owns = accelerometer.customer.map { curatedSerial[$0.index] == step.row.serialNumber } ?? false
      let pair = MachineLearningPair(step: step.row, accelerometer: accelerometer.row, crossCustomer: countsCrossCustomer && !owns)
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
  /// under this policy, or nil if it may: the plan's guards on the customer's status, in order.
  public func violation(of customer: CustomerIndex, at time: Int64?) -> ReasonCode? {
    let status = registry.status(customer)
    for check in statusGuards {
      if let reason = Self.statusReason(check, status, at: time) { return reason }
    }
    return nil
  }

  /// The reason a guard on the customer's status yields for a row of a customer in `status`
  /// dated `time` (if known), or nil if the row passes it (or the check is not about the status).
  /// The one place where readings and checks of outputs meet the customer's status.
  @inline(__always)
  static func statusReason(
    _ check: GuardCheck, _ status: CustomerRegistry.Status, at time: Int64?
  ) -> ReasonCode? {
    switch check {
    case .customerWithdrawn:
      if case .withdrawn = status { return .withdrawn }
    case .customerAmbiguous:
      if case .ambiguous = status { return .ambiguousCustomer }
    case .customerNotConsented:
      if case .notConsented = status { return .noConsent }
    case .beforeConsentTime:
      if case .consented(let since) = status, let time, time < since { return .beforeConsent }
    default: break
    }
    return nil
  }
}
