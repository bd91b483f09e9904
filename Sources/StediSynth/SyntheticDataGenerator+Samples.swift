extension SyntheticDataGenerator {
  /// Picks up to 20 customers of varied planted status: the first of each kind, then more.
  func chooseSamples(plan: SynthPlan, tally: inout TruthTally) {
    var kinds = Set<String>()
    var chosen: [Int] = []
    var seconds: [Int] = []
    for (index, person) in plan.persons.enumerated() {
      let state = tally.status.strict[index]
      let kind =
        "\(state.name)|\(person.change)|\(person.flags.rawValue)|\(person.slotCount > 0)"
        + "|\(person.consent)"
      if kinds.insert(kind).inserted {
        chosen.append(index)
        if chosen.count == 20 { break }
      } else if seconds.count < 20 {
        seconds.append(index)
      }
    }
    chosen += seconds.prefix(20 - chosen.count)
    for person in chosen.sorted() {
      let email = SynthPlan.emailID(person: person, variant: 0)
      let state = tally.status.strict[person]
      var consent: Int64?
      if case .consented(let time) = state { consent = time }
      tally.sampleOf[person] = Int8(tally.samples.count)
      tally.samples.append(
        SampleCustomer(
          email: String(decoding: plan.email(person: person, variant: 0), as: UTF8.self),
          strictStatus: state.name, strictConsentTime: consent, strictAccelerometerTrusted: 0,
          strictStepTrainerTrusted: 0,
          strictCurated: consent != nil && tally.strictHasReadings[person],
          rubricConsented: tally.status.rubricTrusted[email], rubricAccelerometerTrusted: 0,
          rubricCurated: tally.curatedSerialOfEmail[email] >= 0))
    }
  }
}
