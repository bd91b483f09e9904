import StediCore

/// The reading-level truth of a generation, accumulated group by group: the trusted and curated
/// counts of both profiles, and the machine-learning pairs.
///
/// Memory stays proportional to the number of customers: flags per person and email, and the
/// rows of one group at a time (groups never share a timestamp).
struct TruthTally: Sendable {
  var status: PlantedStatus
  /// `strict`: whether the person has an `accelerometer_trusted` row (first pass).
  var strictHasReadings: [Bool]
  /// `udacity-rubric`: whether the exact email has an `accelerometer_trusted` row (first pass).
  var rubricHasReadings: [Bool]
  /// `udacity-rubric`: the serial of the `customer_curated` row of each email, or -1.
  var curatedSerialOfEmail: [Int32]
  /// `udacity-rubric`: whether a `customer_curated` row has the serial.
  var serialCurated: [Bool]
  var strictCurated = ReasonTally()
  var rubricCurated = ReasonTally()
  var strictAccelerometer = ReasonTally()
  var strictStep = ReasonTally()
  var rubricAccelerometer = ReasonTally()
  var rubricStep = ReasonTally()
  var strictPairs = 0
  var strictJoined = 0
  var rubricPairs = 0
  var rubricJoined = 0
  var crossCustomerPairs = 0
  /// Sample index by person, or -1.
  var sampleOf: [Int8]
  var samples: [SampleCustomer] = []
  private var strictItems: [UInt64] = []
  private var rubricItems: [UInt64] = []
  private var stepSerials: [Int] = []

  init(plan: SynthPlan) {
    status = PlantedStatus(plan: plan)
    strictHasReadings = Array(repeating: false, count: plan.persons.count)
    rubricHasReadings = Array(repeating: false, count: plan.persons.count * 3)
    curatedSerialOfEmail = Array(repeating: -1, count: plan.persons.count * 3)
    serialCurated = Array(repeating: false, count: plan.serials.count)
    sampleOf = Array(repeating: -1, count: plan.persons.count)
  }

  /// First pass: which customers and emails have trusted accelerometer readings.
  mutating func observe(_ rows: [AccRow], group: Int, plan: SynthPlan) {
    for row in rows where row.defect == nil && row.person >= 0 {
      let person = Int(row.person)
      if case .consented(let consent) = status.strict[person],
        plan.time(group: group, slot: row.slot) >= consent
      {
        strictHasReadings[person] = true
      }
      let email = SynthPlan.emailID(person: person, variant: row.variant)
      if status.rubricTrusted[email] { rubricHasReadings[email] = true }
    }
  }

  /// `customer_curated` of both profiles, once the first pass is done.
  mutating func curate(plan: SynthPlan) {
    for person in plan.persons.indices {
      guard case .consented = status.strict[person] else { continue }
      strictCurated.add(strictHasReadings[person] ? .admitted : .noReadings)
    }
    for line in plan.lines where line.form.isValid && line.research.time != nil {
      let email = SynthPlan.emailID(person: Int(line.person), variant: line.variant)
      if !rubricHasReadings[email] {
        rubricCurated.add(.noReadings)
      } else if curatedSerialOfEmail[email] >= 0 {
        rubricCurated.add(.duplicate)
      } else {
        rubricCurated.add(.admitted)
        curatedSerialOfEmail[email] = line.serial
        serialCurated[Int(line.serial)] = true
      }
    }
  }

  /// Second pass: decides one accelerometer row under both profiles.
  mutating func classify(_ row: AccRow, time: Int64) {
    if let defect = row.defect {
      strictAccelerometer.add(defect.reason)
      rubricAccelerometer.add(defect.reason)
      return
    }
    guard row.person >= 0 else {
      strictAccelerometer.add(.unknownUser)
      rubricAccelerometer.add(.unknownUser)
      return
    }
    let person = Int(row.person)
    let strict: ReasonCode
    switch status.strict[person] {
    case .unknown: strict = .unknownUser
    case .ambiguous: strict = .ambiguousCustomer
    case .noConsent: strict = .noConsent
    case .consented(let consent): strict = time < consent ? .beforeConsent : .admitted
    }
    strictAccelerometer.add(strict)
    let email = SynthPlan.emailID(person: person, variant: row.variant)
    let rubric: ReasonCode =
      !status.rubricValid[email]
      ? .unknownUser : status.rubricTrusted[email] ? .admitted : .noConsent
    rubricAccelerometer.add(rubric)
    let key = UInt64(row.slot) << 40
    if strict == .admitted { strictItems.append(key | UInt64(person) << 1 | 1) }
    if rubric == .admitted { rubricItems.append(key | 1 << 39 | UInt64(email)) }
    let sample = sampleOf[person]
    if sample >= 0 {
      if strict == .admitted { samples[Int(sample)].strictAccelerometerTrusted += 1 }
      if rubric == .admitted && row.variant == 0 {
        samples[Int(sample)].rubricAccelerometerTrusted += 1
      }
    }
  }

  /// Second pass: decides one step-trainer row under both profiles.
  mutating func classify(_ row: StepRow, time: Int64) {
    if let defect = row.defect {
      strictStep.add(defect.reason)
      rubricStep.add(defect.reason)
      return
    }
    let owner = row.serial >= 0 ? status.serialOwner[Int(row.serial)] : PlantedStatus.unknownSerial
    var strict = ReasonCode.unknownSerial
    if owner == PlantedStatus.ambiguousSerial {
      strict = .ambiguousSerial
    } else if owner >= 0 {
      switch status.strict[Int(owner)] {
      case .unknown: strict = .unknownSerial
      case .ambiguous: strict = .ambiguousCustomer
      case .noConsent: strict = .noConsent
      case .consented(let consent): strict = time < consent ? .beforeConsent : .admitted
      }
    }
    strictStep.add(strict)
    let rubric: ReasonCode =
      owner == PlantedStatus.unknownSerial
      ? .unknownSerial : serialCurated[Int(row.serial)] ? .admitted : .notCurated
    rubricStep.add(rubric)
    let key = UInt64(row.slot) << 40
    if strict == .admitted {
      strictItems.append(key | UInt64(owner) << 1)
      let sample = sampleOf[Int(owner)]
      if sample >= 0 { samples[Int(sample)].strictStepTrainerTrusted += 1 }
    }
    if rubric == .admitted { rubricItems.append(key | UInt64(row.serial)) }
  }

  /// Second pass: the machine-learning pairs of the group just classified.
  mutating func pairGroup() {
    strictItems.sort()
    var index = 0
    while index < strictItems.count {
      let key = strictItems[index] >> 1
      var steps = 0
      var readings = 0
      while index < strictItems.count && strictItems[index] >> 1 == key {
        if strictItems[index] & 1 == 0 { steps += 1 } else { readings += 1 }
        index += 1
      }
      strictPairs += steps * readings
      if steps > 0 && readings > 0 { strictJoined += steps + readings }
    }
    strictItems.removeAll(keepingCapacity: true)
    pairRubric()
  }

  private mutating func pairRubric() {
    rubricItems.sort()
    let idMask: UInt64 = (1 << 39) - 1
    var index = 0
    while index < rubricItems.count {
      let slot = rubricItems[index] >> 40
      stepSerials.removeAll(keepingCapacity: true)
      while index < rubricItems.count && rubricItems[index] >> 39 == slot << 1 {
        stepSerials.append(Int(rubricItems[index] & idMask))
        index += 1
      }
      var readings = 0
      var own = 0
      while index < rubricItems.count && rubricItems[index] >> 40 == slot {
        let curated = Int(curatedSerialOfEmail[Int(rubricItems[index] & idMask)])
        if curated >= 0 { own += stepSerials.reduce(0) { $0 + ($1 == curated ? 1 : 0) } }
        readings += 1
        index += 1
      }
      rubricPairs += stepSerials.count * readings
      crossCustomerPairs += stepSerials.count * readings - own
      if !stepSerials.isEmpty && readings > 0 { rubricJoined += stepSerials.count + readings }
    }
    rubricItems.removeAll(keepingCapacity: true)
  }
}
