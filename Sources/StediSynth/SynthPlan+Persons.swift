extension SynthPlan {
  /// Names, birthdays, reading schedules and consent modes.
  mutating func planPersons(_ random: inout SynthRandom) {
    persons.reserveCapacity(config.customers)
    let perCustomer = Double(config.readingsPerCustomer)
    for (group, plan) in groups.enumerated() {
      for person in plan.members {
        var slots: Int32 = 0
        if config.readingsPerCustomer > 0 {
          // Customers without readings (4 %) are made up for by the others.
          let mean = perCustomer / 0.96 * (0.8 + 0.4 * random.unit()) / 2.5
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
    let minimum: Int32 = hasReadings ? 1 : 0
    let changes: [(RegistrationChange, PersonFlags)] = [
      (.withdraw, [.reregEmailCase]), (.give, [.newDevice]), (.change, []), (.update, []),
    ]
    for (change, modifiers) in changes {
      ensure(&chooser) { person in
        person.change == change
          && person.flags.intersection([.newDevice, .reregEmailCase]) == modifiers
          && person.slotCount >= minimum
      } apply: { person in
        person.change = change
        person.flags.formUnion(modifiers)
        let consents = change == .give || change == .change
        person.consent = consents ? (hasReadings ? .partial : .allAfter) : .none
        if hasReadings { person.slotCount = max(person.slotCount, 2) }
      }
    }
    let single: [PersonFlags] = [.duplicate, .dateless, .invalidExtra, .invalidOnly]
    for flag in single {
      ensure(&chooser) {
        $0.flags.contains(flag) && $0.slotCount >= minimum
      } apply: { person in
        person.flags.insert(flag)
        person.slotCount = max(person.slotCount, minimum)
      }
    }
    ensure(&chooser) { person in
      person.flags.contains(.conflict) && person.change == .none && person.slotCount >= minimum
    } apply: { person in
      person.flags.insert(.conflict)
      person.slotCount = max(person.slotCount, minimum)
    }
    if hasReadings {
      ensure(&chooser) { person in
        person.flags.contains(.caseVariantReads) && person.consent.consents
          && person.slotCount >= 1 && person.change == .none
          && person.flags.subtracting([.tailStep, .caseVariantReads]).isEmpty
      } apply: { person in
        person.flags.insert(.caseVariantReads)
        person.consent = .allAfter
        person.slotCount = max(person.slotCount, 1)
      }
    }
    forceSharedSerial(&chooser, minimum: minimum)
  }

  /// A customer whose records carry the serial of the customer before them, both valid.
  private mutating func forceSharedSerial(_ chooser: inout PersonChooser, minimum: Int32) {
    guard persons.count > 1 else { return }
    let people = persons
    func valid(_ index: Int) -> Bool { !people[index].flags.contains(.invalidOnly) }
    if let existing = people.indices.first(where: { index in
      index > 0 && people[index].flags.contains(.sharedSerial) && valid(index)
        && valid(index - 1) && people[index].slotCount >= minimum
    }) {
      chooser.take(existing)
      chooser.take(existing - 1)
      return
    }
    let used = (0..<people.count).map { chooser.isUsed($0) }
    func free(_ index: Int) -> Bool {
      index > 0 && valid(index - 1) && !used[index - 1]
        && !people[index - 1].flags.contains(.sharedSerial)
    }
    let pick =
      chooser.next { free($0) && Self.isPlain(people[$0]) }
      ?? chooser.next { index in index > 0 && valid(index - 1) }
    guard let person = pick else { return }
    reset(person)
    persons[person].flags.insert(.sharedSerial)
    persons[person].slotCount = max(persons[person].slotCount, minimum)
    chooser.take(person - 1)
  }

  /// Makes sure the schedules that drive `before_consent`, `no_readings` and `no_match`
  /// appear at least once.
  mutating func forceSchedules(_ chooser: inout PersonChooser) {
    let hasReadings = config.readingsPerCustomer > 0
    ensure(&chooser) { person in
      person.slotCount == 0 && person.consent.consents && Self.isPlain(person)
    } apply: { person in
      person.slotCount = 0
      person.stepOnlySlots = hasReadings ? 2 : 0
      person.consent = .allAfter
      person.flags.remove(.tailStep)
    }
    guard hasReadings else { return }
    for mode in [ConsentMode.partial, .allBefore, .atFirst] {
      ensure(&chooser) { person in
        person.consent == mode && person.slotCount >= 2 && Self.isPlain(person)
      } apply: { person in
        person.consent = mode
        person.slotCount = max(person.slotCount, 2)
      }
    }
    ensure(&chooser) {
      $0.flags.contains(.tailStep) && $0.slotCount >= 1
    } apply: { person in
      person.flags.insert(.tailStep)
      person.slotCount = max(person.slotCount, 1)
    }
  }

  /// Claims an unclaimed customer for which `present` holds, so that no later forcing changes
  /// them; if there is none (and no claimed one either), configures a quirk-free customer.
  private mutating func ensure(
    _ chooser: inout PersonChooser, where present: (Person) -> Bool,
    apply: (inout Person) -> Void
  ) {
    if let existing = persons.indices.first(where: { present(persons[$0]) && !chooser.isUsed($0) })
    {
      chooser.take(existing)
      return
    }
    if persons.contains(where: present) { return }
    guard let person = choose(&chooser) else { return }
    reset(person)
    apply(&persons[person])
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

  /// An unused customer without planted quirks (so that forcing one feature never removes the
  /// only instance of another), else any unused customer.
  private func choose(_ chooser: inout PersonChooser) -> Int? {
    let people = persons
    return chooser.next { Self.isPlain(people[$0]) } ?? chooser.next()
  }

  private static func isPlain(_ person: Person) -> Bool {
    person.change == .none && person.flags.subtracting([.tailStep]).isEmpty
  }

  private mutating func reset(_ person: Int) {
    persons[person].change = .none
    persons[person].flags = persons[person].flags.intersection([.tailStep])
  }
}
