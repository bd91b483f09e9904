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
    let (engine, verdicts) = resolveCustomerVerdicts(policy: policy, records: records, isWithdrawn: isWithdrawn)
    return (engine, zip(records, verdicts).map { $1.decision(of: $0) })
  }

  /// `resolveCustomers`, with each record's decision as a `CustomerVerdict`: the caller holds the
  /// records, so a run's decisions do not hold a second copy of every record.
  public static func resolveCustomerVerdicts(
    policy: Policy, records: [CustomerRecord], isWithdrawn: (String) -> Bool = { _ in false }
  ) -> (PolicyEngine, [CustomerVerdict]) {
    let plan = DecisionPlan(compiling: policy)
    var registry = CustomerRegistry()
    var owners: [CustomerIndex] = []
    owners.reserveCapacity(records.count)
    for record in records {
      let customer = registry.index(of: policy.emailKey(record.email))
      owners.append(customer)
      registry.addSerial(record.serialNumber, to: customer)
    }
    var verdicts: [CustomerVerdict?] = Array(repeating: nil, count: records.count)
    // Customer resolution is a group step: the plan's `identity.conflicts` names which one.
    switch plan.identity.conflicts {
    case .keepAll:
      for (position, record) in records.enumerated() {
        let customer = owners[position]
        if let since = record.time(policy.consentField) {
          verdicts[position] = .admitted(customer)
          let earliest: Int64
          if case .consented(let previous) = registry.status(customer) {
            earliest = min(previous, since)
          } else {
            earliest = since
          }
          registry.setStatus(.consented(since: earliest), of: customer)
        } else {
          verdicts[position] = .excluded(.noConsent, customer)
        }
      }
    case .latestUpdateWins:
      let groups = CustomerGroups(owners: owners, customers: registry.count)
      for index in 0..<registry.count {
        let customer = CustomerIndex(index)
        var distinct: [Int] = []
        for position in groups.positions(of: index) {
          if distinct.contains(where: { records[$0] == records[position] }) {
            verdicts[position] = .excluded(.duplicate, customer)
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
          for position in distinct { verdicts[position] = .excluded(.ambiguousCustomer, customer) }
          registry.setStatus(.ambiguous, of: customer)
          continue
        }
        for position in distinct where position != winner {
          verdicts[position] = .excluded(.superseded, customer)
        }
        if let since = records[winner].time(policy.consentField) {
          verdicts[winner] = .admitted(customer)
          registry.setStatus(.consented(since: since), of: customer)
        } else {
          verdicts[winner] = .excluded(.noConsent, customer)
          registry.setStatus(.notConsented, of: customer)
        }
      }
    }
    for index in 0..<registry.count where isWithdrawn(registry.emailKeys[index]) {
      let customer = CustomerIndex(index)
      registry.setStatus(.withdrawn, of: customer)
      for position in owners.indices where owners[position] == customer {
        if case .admitted = verdicts[position] { verdicts[position] = .excluded(.withdrawn, customer) }
      }
    }
    let engine = PolicyEngine(policy: policy, plan: plan, registry: registry)
    // Every record got exactly one verdict above.
    return (engine, verdicts.enumerated().map { $1 ?? .excluded(.schemaViolation, owners[$0]) })
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

/// The decision on one customer landing record, without the record: admitted to
/// `customer_trusted` as the record of a customer, or excluded with a reason.
public enum CustomerVerdict: Hashable, Sendable {
  case admitted(CustomerIndex)
  case excluded(ReasonCode, CustomerIndex)

  /// The decision on `record`, the record this verdict was given on. Package-only, as
  /// `Admitted`'s initialiser is: outside the package an admitted row comes from the engine.
  package func decision(of record: CustomerRecord) -> Decision<CustomerRecord> {
    switch self {
    case .admitted(let customer): .admitted(Admitted(record, into: .customerTrusted, customer: customer))
    case .excluded(let reason, let customer): .excluded(reason, .customer(customer))
    }
  }
}

/// The positions of each customer's records, in record order: one array of positions sorted by
/// customer (a counting sort), not one array per customer.
private struct CustomerGroups {
  private var starts: [Int]
  private var positions: [Int]

  init(owners: [CustomerIndex], customers: Int) {
    var starts = Array(repeating: 0, count: customers + 1)
    for owner in owners { starts[owner.index + 1] += 1 }
    for index in 0..<customers { starts[index + 1] += starts[index] }
    var next = starts
    var positions = Array(repeating: 0, count: owners.count)
    for (position, owner) in owners.enumerated() {
      positions[next[owner.index]] = position
      next[owner.index] += 1
    }
    self.starts = starts
    self.positions = positions
  }

  func positions(of customer: Int) -> ArraySlice<Int> { positions[starts[customer]..<starts[customer + 1]] }
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
