/// Generates the planned readings of one group at a time, from the group's own random stream,
/// so that a group can be generated again and give the same rows.
struct ReadingGenerator {
  let plan: SynthPlan
  /// The accelerometer rows of the last generated group, in file order.
  private(set) var accelerometer: [AccRow] = []
  /// The step-trainer rows of the last generated group, in file order.
  private(set) var stepTrainer: [StepRow] = []

  /// Per-row probabilities of a planted quarantined row and of a quirk, out of 65536.
  private static let defectRate: UInt64 = 131
  private static let quirkRate: UInt64 = 197

  init(plan: SynthPlan) { self.plan = plan }

  /// Replaces the rows with those of `group`.
  mutating func generate(group: Int) {
    accelerometer.removeAll(keepingCapacity: true)
    stepTrainer.removeAll(keepingCapacity: true)
    var random = SynthRandom(seed: plan.config.seed, stream: 1 + UInt64(group))
    let members = plan.groups[group].members
    for person in members { generate(person: person, &random) }
    guard plan.config.defects else { return }
    let anchor = members.first { plan.persons[$0].slotCount > 0 } ?? members.lowerBound
    let slot = plan.persons[anchor].startSlot
    if random.chance(0.03) { addGhosts(group: group, slot: slot, count: 1 + random.below(3)) }
    if random.chance(0.03) { addUnknownSerials(slot: slot, count: 1 + random.below(3), &random) }
    for feature in plan.forced[group] ?? [] {
      force(feature, anchor: anchor, group: group, &random)
    }
  }

  private mutating func generate(person index: Int, _ random: inout SynthRandom) {
    let person = plan.persons[index]
    let defects = plan.config.defects
    let caseVariant = person.flags.contains(.caseVariantReads)
    for offset in 0..<person.slotCount {
      let slot = person.startSlot + offset
      let readings = 1 + random.below(4)
      for _ in 0..<readings {
        let bits = random.next()
        let axes = Int(((bits >> 32) &* 27) >> 32)
        var row = AccRow(
          slot: slot, person: Int32(index), ghost: -1, variant: 0, x: Int8(axes % 3) - 1,
          y: Int8(axes / 3 % 3) - 1, z: Int8(axes / 9) - 1, style: .plain, defect: nil)
        if caseVariant && (bits & 0xFF < 100 || offset == 0) {
          row.variant = 1 + UInt8(bits >> 8 & 1)
        }
        if defects { plantAccelerometer(&row, bits: bits, &random) }
        accelerometer.append(row)
      }
      if random.below(100) < 88 { addStep(slot: slot, serial: person.deviceSerial, &random) }
    }
    if person.flags.contains(.tailStep) {
      addStep(slot: person.startSlot + person.slotCount, serial: person.deviceSerial, &random)
    }
    for offset in 0..<person.stepOnlySlots {
      addStep(slot: person.startSlot + offset, serial: person.deviceSerial, &random)
    }
  }

  private mutating func plantAccelerometer(
    _ row: inout AccRow, bits: UInt64, _ random: inout SynthRandom
  ) {
    let draw = bits >> 16 & 0xFFFF
    if draw < Self.defectRate {
      var broken = row
      broken.defect = ReadingDefect.allCases[random.below(ReadingDefect.allCases.count)]
      accelerometer.append(broken)
    } else if draw < Self.defectRate + Self.quirkRate {
      row.style = RowStyle.allCases[1 + random.below(RowStyle.allCases.count - 1)]
    }
  }

  private mutating func addStep(slot: Int32, serial: Int32, _ random: inout SynthRandom) {
    let bits = random.next()
    var row = StepRow(
      slot: slot, serial: serial, unknownSerial: UUIDBits(high: 0, low: 0),
      distance: Int16(180 + (bits >> 32) % 120), style: .plain, defect: nil)
    if plan.config.defects {
      let draw = bits & 0xFFFF
      if draw < Self.defectRate {
        var broken = row
        broken.defect = ReadingDefect.allCases[random.below(ReadingDefect.allCases.count)]
        stepTrainer.append(broken)
      } else if draw < Self.defectRate + Self.quirkRate {
        row.style = RowStyle.allCases[1 + random.below(RowStyle.allCases.count - 1)]
      }
    }
    stepTrainer.append(row)
  }

  /// Readings of users that no customer record has; their email numbers are unique per group.
  private mutating func addGhosts(group: Int, slot: Int32, count: Int) {
    for index in 0..<count {
      accelerometer.append(
        AccRow(
          slot: slot + Int32(index), person: -1, ghost: Int32(group * 4 + index), variant: 0,
          x: 0, y: 1, z: -1, style: .plain, defect: nil))
    }
  }

  /// Step-trainer readings of devices that no customer record has.
  private mutating func addUnknownSerials(slot: Int32, count: Int, _ random: inout SynthRandom) {
    for index in 0..<count {
      stepTrainer.append(
        StepRow(
          slot: slot + Int32(index), serial: -1, unknownSerial: random.uuid(),
          distance: Int16(200 + index), style: .plain, defect: nil))
    }
  }

  private mutating func force(
    _ feature: ReadingFeature, anchor: Int, group: Int, _ random: inout SynthRandom
  ) {
    let person = plan.persons[anchor]
    let accRow = AccRow(
      slot: person.startSlot, person: Int32(anchor), ghost: -1, variant: 0, x: 1, y: 0, z: -1,
      style: .plain, defect: nil)
    let stepRow = StepRow(
      slot: person.startSlot, serial: person.deviceSerial,
      unknownSerial: UUIDBits(high: 0, low: 0), distance: 218, style: .plain, defect: nil)
    switch feature {
    case .accelerometerDefect(let defect):
      var row = accRow
      row.defect = defect
      accelerometer.append(row)
    case .stepDefect(let defect):
      var row = stepRow
      row.defect = defect
      stepTrainer.append(row)
    case .accelerometerStyle(let style):
      var row = accRow
      row.style = style
      if person.slotCount == 0 {
        // Keep a customer planted without readings without readings.
        row.person = -1
        row.ghost = Int32(group * 4 + 3)
      }
      accelerometer.append(row)
    case .stepStyle(let style):
      var row = stepRow
      row.style = style
      stepTrainer.append(row)
    case .ghostUser:
      accelerometer.append(
        AccRow(
          slot: person.startSlot, person: -1, ghost: Int32(group * 4 + 3), variant: 0, x: -1,
          y: -1, z: 0, style: .plain, defect: nil))
    case .unknownSerial:
      addUnknownSerials(slot: person.startSlot, count: 1, &random)
    }
  }
}
