extension SynthPlan {
  /// Names, birthdays, reading schedules and consent modes.
  mutating func planPersons(_ random: inout SynthRandom) {
    persons.reserveCapacity(config.customers)
    let perCustomer = Double(config.readingsPerCustomer)
    for (group, plan) in groups.enumerated() {
      for person in plan.members {
        var slots: Int32 = 0
        if config.readingsPerCustomer > 0 {
          let mean = perCustomer * (0.8 + 0.4 * random.unit()) / 3
          slots = Int32(max(1, mean.rounded()))
          if random.chance(0.04) { slots = 0 }
        }
        let stepOnly: Int32 =
          slots == 0 && config.readingsPerCustomer > 0 && random.chance(0.3)
          ? Int32(1 + random.below(4)) : 0
        var consent = ConsentMode.none
        if random.chance(0.5) {
          let draw = random.below(100)
          consent = draw < 60 ? .allAfter : draw < 65 ? .atFirst : draw < 88 ? .partial : .allBefore
          if slots == 0 || (slots < 2 && consent == .partial) { consent = .allAfter }
        }
        var flags: PersonFlags = []
        if slots > 0 && random.chance(0.1) { flags.insert(.tailStep) }
        persons.append(
          Person(
            first: UInt16(random.below(NameList.first.count)),
            last: UInt16(random.below(NameList.last.count)),
            birthYear: UInt16(1935 + random.below(70)), birthMonth: UInt8(1 + random.below(12)),
            birthDay: UInt8(1 + random.below(28)), group: Int32(group),
            startSlot: Int32(random.below(12)), slotCount: slots, stepOnlySlots: stepOnly,
            baseSerial: Int32(person), deviceSerial: Int32(person), consent: consent,
            change: .none, flags: flags))
      }
    }
  }

  /// Random identity defects, a few per thousand customers.
  mutating func plantFlags(_ random: inout SynthRandom) {
    for index in persons.indices {
      var person = persons[index]
      if random.chance(0.004) {
        person.change =
          person.consent.consents
          ? (random.chance(0.5) ? .give : .change) : (random.chance(0.5) ? .withdraw : .update)
        if random.chance(0.3) { person.flags.insert(.newDevice) }
        if random.chance(0.2) { person.flags.insert(.reregEmailCase) }
      }
      if random.chance(0.004) { person.flags.insert(.duplicate) }
      if random.chance(0.002) { person.flags.insert(.conflict) }
      if random.chance(0.002) { person.flags.insert(.dateless) }
      if persons.count > 1 && random.chance(0.002) { person.flags.insert(.sharedSerial) }
      if random.chance(0.003) { person.flags.insert(.invalidExtra) }
      if person.slotCount > 0 && random.chance(0.004) { person.flags.insert(.caseVariantReads) }
      if random.chance(0.002) {
        person.flags = person.flags.intersection([.tailStep, .caseVariantReads])
        person.flags.insert(.invalidOnly)
        person.change = .none
      }
      persons[index] = person
    }
  }

  /// Makes sure each identity defect appears at least once, each on its own customer.
  mutating func forceDefectFlags(_ chooser: inout PersonChooser) {
    let hasReadings = config.readingsPerCustomer > 0
    let changes: [RegistrationChange] = [.withdraw, .give, .change, .update]
    for change in changes where !persons.contains(where: { $0.change == change }) {
      guard let person = chooser.next() else { return }
      reset(person)
      persons[person].change = change
      let consents = change == .give || change == .change
      persons[person].consent = consents ? (hasReadings ? .partial : .allAfter) : .none
      if consents && persons[person].slotCount < 2 && hasReadings {
        persons[person].slotCount = 2
      }
      if change == .give { persons[person].flags.insert(.newDevice) }
      if change == .change { persons[person].flags.insert(.reregEmailCase) }
    }
    let single: [PersonFlags] = [
      .duplicate, .conflict, .dateless, .invalidExtra, .invalidOnly, .caseVariantReads,
    ]
    for flag in single where !persons.contains(where: { $0.flags.contains(flag) }) {
      if flag == .caseVariantReads && !hasReadings { continue }
      guard let person = chooser.next() else { return }
      reset(person)
      persons[person].flags.insert(flag)
      if flag == .caseVariantReads || flag == .invalidOnly {
        persons[person].consent = .allAfter
        persons[person].slotCount = max(persons[person].slotCount, 1)
      }
    }
    if persons.count > 1 && !persons.contains(where: { $0.flags.contains(.sharedSerial) }) {
      let pick = chooser.next { person in
        person > 0 && !self.persons[person - 1].flags.contains(.invalidOnly)
          && !self.persons[person - 1].flags.contains(.sharedSerial)
      }
      if let person = pick {
        reset(person)
        persons[person].flags.insert(.sharedSerial)
        chooser.take(person - 1)
      }
    }
  }

  /// Makes sure the schedules that drive `before_consent`, `no_readings` and `no_match`
  /// appear at least once.
  mutating func forceSchedules(_ chooser: inout PersonChooser) {
    if !persons.contains(where: { $0.slotCount == 0 && $0.consent.consents && isPlain($0) }),
      let person = chooser.next()
    {
      reset(person)
      persons[person].slotCount = 0
      persons[person].stepOnlySlots = config.readingsPerCustomer > 0 ? 2 : 0
      persons[person].consent = .allAfter
      persons[person].flags.remove(.tailStep)
    }
    guard config.readingsPerCustomer > 0 else { return }
    for mode in [ConsentMode.partial, .allBefore, .atFirst]
    where !persons.contains(where: { $0.consent == mode && $0.slotCount >= 2 }) {
      guard let person = chooser.next() else { return }
      reset(person)
      persons[person].consent = mode
      persons[person].slotCount = max(persons[person].slotCount, 2)
    }
    if !persons.contains(where: { $0.flags.contains(.tailStep) }), let person = chooser.next() {
      persons[person].flags.insert(.tailStep)
      persons[person].slotCount = max(persons[person].slotCount, 1)
    }
  }

  /// Serial numbers: one per customer, shared ones, and new devices.
  mutating func planSerials(_ random: inout SynthRandom) {
    serials = (0..<persons.count).map { _ in random.uuid() }
    for index in persons.indices {
      if persons[index].flags.contains(.sharedSerial) {
        let partner = index > 0 ? index - 1 : index + 1
        persons[index].baseSerial = persons[partner].baseSerial
      }
      persons[index].deviceSerial = persons[index].baseSerial
      if persons[index].change != .none && persons[index].flags.contains(.newDevice) {
        persons[index].deviceSerial = Int32(serials.count)
        serials.append(random.uuid())
      }
    }
  }

  private func isPlain(_ person: Person) -> Bool {
    person.change == .none && person.flags.subtracting([.tailStep]).isEmpty
  }

  private mutating func reset(_ person: Int) {
    persons[person].change = .none
    persons[person].flags = persons[person].flags.intersection([.tailStep])
  }
}
