extension SynthPlan {
  /// The customer landing lines: each customer's first record, their later records a little
  /// further down the file, and the malformed and schema-violating lines; sorted into file
  /// order.
  mutating func planLines(_ random: inout SynthRandom) {
    lines.reserveCapacity(persons.count + persons.count / 50 + 16)
    for index in persons.indices { planRecords(of: index, &random) }
    if config.defects { planBrokenLines(&random) }
    lines.sort { ($0.order, $0.index) < ($1.order, $1.index) }
  }

  /// The consent time of a consenting person's final record.
  private func consentTime(of person: Person, _ random: inout SynthRandom) -> Int64 {
    let group = Int(person.group)
    let first = time(group: group, slot: person.startSlot)
    let last = time(group: group, slot: person.startSlot + max(person.slotCount, 1) - 1)
    switch person.consent {
    case .none, .allAfter: return first - random.below64(2 * 3_600_000)
    case .atFirst: return first
    case .partial:
      let slot = person.startSlot + 1 + Int32(random.below(Int(person.slotCount) - 1))
      return time(group: group, slot: slot) - random.below64(period)
    case .allBefore: return last + 1 + random.below64(Self.day)
    }
  }

  private func noConsent(_ random: inout SynthRandom) -> OptionalTime {
    random.chance(0.65) ? .absent : .null
  }

  private func otherShare(_ base: Int64, _ random: inout SynthRandom) -> OptionalTime {
    let draw = random.unit()
    return draw < 0.45 ? .value(base + random.below64(Self.day)) : draw < 0.85 ? .absent : .null
  }

  private mutating func append(_ line: CustomerLine, at order: Int64, _ sub: Int64) {
    var line = line
    line.order = order * 16 + sub
    line.index = Int32(lines.count)
    lines.append(line)
  }

  // The records of one person.
  private mutating func planRecords(of index: Int, _ random: inout SynthRandom) {
    let person = persons[index]
    let defects = config.defects
    let first = time(group: Int(person.group), slot: person.startSlot)
    let consent = person.consent.consents ? consentTime(of: person, &random) : nil
    var registered = first - random.below64(Self.day)
    if let consent {
      registered = random.chance(0.5) ? consent : consent - random.below64(Self.day)
      if person.change == .change { registered = consent - 1 - random.below64(Self.day) }
    }
    var base = CustomerLine(
      order: 0, index: 0, person: Int32(index), variant: 0, serial: person.baseSerial,
      form: .valid, registration: .value(registered), lastUpdate: .value(consent ?? registered),
      research: consent.map { .value($0) } ?? noConsent(&random),
      publicShare: .absent, friends: .absent,
      phone: random.chance(0.5) ? 1_212 : Int16(random.below(10_000)),
      nameNull: defects && random.chance(0.01), floatTimes: defects && random.chance(0.003),
      extraFields: defects && random.chance(0.003))
    base.publicShare =
      consent != nil && random.chance(0.7) ? base.research : otherShare(registered, &random)
    base.friends =
      consent != nil && random.chance(0.7) ? base.research : otherShare(registered, &random)
    switch person.change {
    case .none: break
    case .withdraw, .change: base.research = .value(registered)
    case .give, .update: base.research = noConsent(&random)
    }
    if person.change != .none { base.lastUpdate = .value(registered) }
    if defects && base.lastUpdate.time == registered && random.chance(0.1) {
      base.lastUpdate = .absent
    }
    let order = Int64(index)
    if person.flags.contains(.invalidOnly) {
      base.form = .schema(randomSchemaDefect(&random))
      append(base, at: order, 0)
      recordPlanted("invalid_only_customer")
      return
    }
    append(base, at: order, 0)
    var latest = base
    if person.change != .none {
      latest = reregistration(of: base, person: person, consent: consent, &random)
      append(latest, at: order + Int64(random.below(43)) - 3, 1)
      recordPlanted("reregistration_\(person.change)")
      if person.flags.contains(.newDevice) { recordPlanted("reregistration_new_device") }
      if person.flags.contains(.reregEmailCase) { recordPlanted("reregistration_email_case") }
    }
    planExtraRecords(of: person, order: order, base: base, latest: latest, &random)
  }

  private func reregistration(
    of base: CustomerLine, person: Person, consent: Int64?, _ random: inout SynthRandom
  ) -> CustomerLine {
    var line = base
    let registered = base.registration.time ?? 0
    line.lastUpdate = .value(registered + 1 + random.below64(30 * Self.day))
    switch person.change {
    case .none, .update:
      line.phone = Int16((Int(base.phone) + 1 + random.below(9_000)) % 10_000)
    case .withdraw: line.research = noConsent(&random)
    case .give, .change:
      let time = consent ?? registered
      line.research = .value(time)
      line.lastUpdate = .value(time + 1 + random.below64(60_000))
    }
    if person.flags.contains(.reregEmailCase) { line.variant = 1 }
    line.serial = person.deviceSerial
    line.floatTimes = config.defects && random.chance(0.1)
    line.extraFields = config.defects && random.chance(0.1)
    return line
  }

  private mutating func planExtraRecords(
    of person: Person, order: Int64, base: CustomerLine, latest: CustomerLine,
    _ random: inout SynthRandom
  ) {
    if person.flags.contains(.duplicate) {
      var copy = random.chance(0.3) ? latest : base
      copy.floatTimes = random.chance(0.5)
      copy.extraFields = random.chance(0.5)
      append(copy, at: order + Int64(random.below(40)), 2)
      recordPlanted("duplicate_customer")
    }
    if person.flags.contains(.conflict) {
      var copy = person.change != .none && random.chance(0.3) ? base : latest
      copy.phone = Int16((Int(copy.phone) + 1 + random.below(9_000)) % 10_000)
      if random.chance(0.5) {
        copy.research =
          copy.research.time == nil
          ? .value(copy.registration.time ?? 0) : noConsent(&random)
      }
      copy.extraFields = random.chance(0.3)
      append(copy, at: order + Int64(random.below(40)), 3)
      recordPlanted("conflicting_customer")
    }
    if person.flags.contains(.dateless) {
      var copy = base
      copy.registration = random.chance(0.5) ? .absent : .null
      copy.lastUpdate = .absent
      copy.phone = Int16((Int(copy.phone) + 1 + random.below(9_000)) % 10_000)
      append(copy, at: order + Int64(random.below(40)), 4)
      recordPlanted("dateless_customer")
    }
    if person.flags.contains(.sharedSerial) { recordPlanted("shared_serial") }
    if person.flags.contains(.invalidExtra) {
      var copy = base
      copy.form = .schema(randomSchemaDefect(&random))
      append(copy, at: order + Int64(random.below(40)), 5)
    }
  }

  private func randomSchemaDefect(_ random: inout SynthRandom) -> CustomerSchemaDefect {
    CustomerSchemaDefect.allCases[random.below(CustomerSchemaDefect.allCases.count)]
  }

  /// Malformed and schema-violating lines: a few per thousand, and each kind at least once.
  private mutating func planBrokenLines(_ random: inout SynthRandom) {
    let count = persons.count
    var forms: [CustomerLineForm] =
      MalformedKind.allCases.map { .malformed($0) }
      + CustomerSchemaDefect.allCases.map {
        .schema($0)
      }
    for _ in 0..<count where random.chance(0.004) {
      forms.append(
        random.chance(0.5)
          ? .malformed(MalformedKind.allCases[random.below(MalformedKind.allCases.count)])
          : .schema(randomSchemaDefect(&random)))
    }
    for form in forms {
      var line = lines[random.below(lines.count)]
      line.form = form
      line.floatTimes = false
      append(line, at: Int64(random.below(count)), 6)
    }
  }
}
