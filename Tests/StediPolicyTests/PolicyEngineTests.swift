import StediCore
import StediPolicy
import Testing

/// Each reason code, decided by the engine on small records.
struct PolicyEngineTests {
  static func customer(
    _ email: String, serial: String, consent: Int64? = nil, updated: Int64? = 10, name: String = "N"
  ) -> CustomerRecord {
    CustomerRecord(customerName: name, email: email, serialNumber: serial, registrationDate: 1,
      lastUpdateDate: updated, shareWithResearchAsOfDate: consent)
  }

  static func accelerometer(_ user: String, _ time: Int64) -> AccelerometerReading {
    AccelerometerReading(user: user, timestamp: time, x: .real(1), y: .real(0), z: .integer(0))
  }

  static func step(_ serial: String, _ time: Int64) -> StepTrainerReading {
    StepTrainerReading(sensorReadingTime: time, serialNumber: serial, distanceFromObject: .integer(5))
  }

  @Test func strictResolvesDuplicatesSupersededAndTies() throws {
    let policy = try PolicyLoader.builtin("strict")
    let records = [
      Self.customer("a@x.io", serial: "1", consent: 100, updated: 10),
      Self.customer("a@x.io", serial: "1", consent: 100, updated: 10),  // exact copy
      Self.customer("A@X.io", serial: "1", consent: nil, updated: 5),  // older, same person
      Self.customer("b@x.io", serial: "2", consent: 100, updated: 20, name: "B1"),
      Self.customer("b@x.io", serial: "2", consent: 100, updated: 20, name: "B2"),  // tie
    ]
    let (engine, decisions) = PolicyEngine.resolveCustomers(policy: policy, records: records)
    #expect(decisions.map(\.reason) == [.admitted, .duplicate, .superseded, .ambiguousCustomer, .ambiguousCustomer])
    var mutable = engine
    #expect(mutable.decide(Self.accelerometer("b@x.io", 500)).reason == .ambiguousCustomer)
    #expect(mutable.decide(Self.accelerometer("A@x.io", 99)).reason == .beforeConsent)
    #expect(mutable.decide(Self.accelerometer("a@x.io", 100)).reason == .admitted)
    #expect(mutable.decide(Self.accelerometer("c@x.io", 100)).reason == .unknownUser)
    #expect(engine.decide(Self.step("2", 500)).reason == .ambiguousCustomer)
    #expect(engine.decide(Self.step("1", 100)).reason == .admitted)
    #expect(engine.decide(Self.step("9", 100)).reason == .unknownSerial)
  }

  @Test func aSerialSharedByTwoCustomersIsNeverAttributed() throws {
    let policy = try PolicyLoader.builtin("strict")
    let records = [
      Self.customer("a@x.io", serial: "S", consent: 1),
      Self.customer("b@x.io", serial: "S", consent: nil),
    ]
    let (engine, _) = PolicyEngine.resolveCustomers(policy: policy, records: records)
    guard case .excluded(.ambiguousSerial, .none) = engine.decide(Self.step("S", 10)) else {
      Issue.record("expected ambiguous_serial without a subject")
      return
    }
  }

  @Test func latestRecordDecidesConsentEvenWhenItWithdraws() throws {
    let policy = try PolicyLoader.builtin("strict")
    let records = [
      Self.customer("a@x.io", serial: "1", consent: 100, updated: 10),
      Self.customer("a@x.io", serial: "1", consent: nil, updated: 20),
    ]
    var (engine, decisions) = PolicyEngine.resolveCustomers(policy: policy, records: records)
    #expect(decisions.map(\.reason) == [.superseded, .noConsent])
    #expect(engine.decide(Self.accelerometer("a@x.io", 500)).reason == .noConsent)
  }

  @Test func strictJoinsOnlyTheSameCustomerAndRubricFlagsCrossCustomerPairs() throws {
    for (profile, expectCross) in [("strict", false), ("udacity-rubric", true)] {
      let policy = try PolicyLoader.builtin(profile)
      let records = [
        Self.customer("a@x.io", serial: "A", consent: 1),
        Self.customer("b@x.io", serial: "B", consent: 1),
      ]
      var (engine, decisions) = PolicyEngine.resolveCustomers(policy: policy, records: records)
      #expect(engine.decide(Self.accelerometer("a@x.io", 60)).reason == .admitted)
      guard case .admitted(let accelerometer) = engine.decide(Self.accelerometer("b@x.io", 50)),
        case .admitted(let customerA) = decisions[0], case .admitted(let customerB) = decisions[1]
      else {
        Issue.record("setup")
        return
      }
      _ = engine.decideCurated(customerA)
      _ = engine.decideCurated(customerB)
      guard case .admitted(let step) = engine.decide(Self.step("A", 50)) else {
        Issue.record("step not admitted under \(profile)")
        return
      }
      let pair = engine.pair(step, accelerometer)
      if expectCross {
        #expect(pair?.row.crossCustomer == true)
      } else {
        #expect(pair == nil)
      }
    }
  }

  @Test func rubricNeedsACuratedSerialAndIgnoresConsentTime() throws {
    let policy = try PolicyLoader.builtin("udacity-rubric")
    let records = [
      Self.customer("a@x.io", serial: "A", consent: 1000),
      Self.customer("b@x.io", serial: "B", consent: 1000),
    ]
    var (engine, decisions) = PolicyEngine.resolveCustomers(policy: policy, records: records)
    #expect(engine.decide(Self.accelerometer("a@x.io", 5)).reason == .admitted)
    guard case .admitted(let a) = decisions[0], case .admitted(let b) = decisions[1] else {
      Issue.record("setup")
      return
    }
    #expect(engine.decideCurated(a).reason == .admitted)
    #expect(engine.decideCurated(b).reason == .noReadings)
    #expect(engine.decideCurated(a).reason == .duplicate)
    #expect(engine.decide(Self.step("A", 5)).reason == .admitted)
    #expect(engine.decide(Self.step("B", 5000)).reason == .notCurated)
  }
}
