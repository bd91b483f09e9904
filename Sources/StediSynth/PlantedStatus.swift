import StediCore

/// The customer-level truth of a plan under both profiles: who is known, ambiguous or
/// consented, who owns each serial, and the `customer_trusted` counts. Computed from the
/// planned records with the rules of `docs/semantics.md`, by index rather than by string
/// (emails are unique per person by construction: `First.Last<n>@test.com`).
struct PlantedStatus: Sendable {
  /// `strict`, by person (email key).
  var strict: [StrictState]
  /// `udacity-rubric`: whether a valid record has the exact email, by email id.
  var rubricValid: [Bool]
  /// `udacity-rubric`: whether a valid consenting record (a `customer_trusted` row) has it.
  var rubricTrusted: [Bool]
  /// The person owning each serial under `strict`; -1 unknown, -2 ambiguous.
  var serialOwner: [Int32]
  var strictCustomers = ReasonTally()
  var rubricCustomers = ReasonTally()

  static let unknownSerial: Int32 = -1
  static let ambiguousSerial: Int32 = -2

  init(plan: SynthPlan) {
    let people = plan.persons.count
    strict = Array(repeating: .unknown, count: people)
    rubricValid = Array(repeating: false, count: people * 3)
    rubricTrusted = Array(repeating: false, count: people * 3)
    serialOwner = Array(repeating: Self.unknownSerial, count: plan.serials.count)
    var byPerson = Array(repeating: 0, count: people + 1)
    for line in plan.lines {
      switch line.form {
      case .malformed:
        strictCustomers.add(.malformed)
        rubricCustomers.add(.malformed)
        continue
      case .schema:
        strictCustomers.add(.schemaViolation)
        rubricCustomers.add(.schemaViolation)
        continue
      case .valid: break
      }
      let email = SynthPlan.emailID(person: Int(line.person), variant: line.variant)
      rubricValid[email] = true
      if line.research.time != nil {
        rubricTrusted[email] = true
        rubricCustomers.add(.admitted)
      } else {
        rubricCustomers.add(.noConsent)
      }
      let owner = serialOwner[Int(line.serial)]
      if owner == Self.unknownSerial {
        serialOwner[Int(line.serial)] = line.person
      } else if owner != line.person {
        serialOwner[Int(line.serial)] = Self.ambiguousSerial
      }
      byPerson[Int(line.person) + 1] += 1
    }
    decideStrict(plan: plan, counts: byPerson)
  }

  /// Groups the valid records by person (file order kept) and applies `strict` rules 2–4.
  private mutating func decideStrict(plan: SynthPlan, counts: [Int]) {
    var start = counts
    for index in 1..<start.count { start[index] += start[index - 1] }
    var next = start
    var grouped = Array(repeating: 0, count: start[start.count - 1])
    for (index, line) in plan.lines.enumerated() where line.form.isValid {
      grouped[next[Int(line.person)]] = index
      next[Int(line.person)] += 1
    }
    var distinct: [CustomerLine] = []
    for person in 0..<plan.persons.count where start[person] < start[person + 1] {
      distinct.removeAll(keepingCapacity: true)
      for index in grouped[start[person]..<start[person + 1]] {
        let line = plan.lines[index]
        if distinct.contains(where: { $0.sameKnownFields(as: line) }) {
          strictCustomers.add(.duplicate)
        } else {
          distinct.append(line)
        }
      }
      let best = distinct.map(\.effectiveUpdate).max { Self.isLess($0, $1) } ?? nil
      let winners = distinct.filter { $0.effectiveUpdate == best }
      if winners.count > 1 {
        strictCustomers.add(.ambiguousCustomer, Int64(distinct.count))
        strict[person] = .ambiguous
      } else if let winner = winners.first {
        strictCustomers.add(.superseded, Int64(distinct.count - 1))
        if let consent = winner.research.time {
          strictCustomers.add(.admitted)
          strict[person] = .consented(consent)
        } else {
          strictCustomers.add(.noConsent)
          strict[person] = .noConsent
        }
      }
    }
  }

  /// Orders last updates with a missing one as minus infinity.
  private static func isLess(_ lhs: Int64?, _ rhs: Int64?) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil), (_, nil): false
    case (nil, _): true
    case (let left?, let right?): left < right
    }
  }
}
