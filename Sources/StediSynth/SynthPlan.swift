/// Everything planted, decided before a byte is written: customers, their groups and time
/// grids, serial numbers, the customer landing lines in file order, and where the forced
/// reading features go. Memory is proportional to the number of customers.
struct SynthPlan: Sendable {
  /// The time of slot 0 of every group (18 June 2022).
  static let baseTime: Int64 = 1_655_560_000_000
  static let day: Int64 = 86_400_000

  let config: SynthConfig
  var persons: [Person] = []
  var groups: [GroupPlan] = []
  /// Milliseconds between two slots of a grid; at least the number of groups.
  var period: Int64 = 3_933
  /// Registered serial numbers: one per person, then new devices of re-registrations.
  var serials: [UUIDBits] = []
  /// The customer landing lines, in file order.
  var lines: [CustomerLine] = []
  /// Reading features forced into a group, by group index.
  var forced: [Int: [ReadingFeature]] = [:]
  /// Planted customer-table quirks by name.
  var planted: [String: Int] = [:]

  init(config: SynthConfig) {
    self.config = config
    var random = SynthRandom(seed: config.seed, stream: 0)
    planGroups(&random)
    planPersons(&random)
    var chooser = PersonChooser(count: persons.count, start: random.below(persons.count))
    if config.defects {
      plantFlags(&random)
      forceDefectFlags(&chooser)
    }
    forceSchedules(&chooser)
    planSerials(&random)
    planLines(&random)
    if config.defects { planForcedReadings() }
  }

  /// The time of `slot` on the grid of `group`.
  func time(group: Int, slot: Int32) -> Int64 {
    Self.baseTime + Int64(slot) * period + groups[group].residue
  }

  /// The email id of a person's email variant (see `CustomerLine.variant`).
  static func emailID(person: Int, variant: UInt8) -> Int { person * 3 + Int(variant) }

  /// The email of a person, as bytes, in one variant.
  func email(person: Int, variant: UInt8) -> [UInt8] {
    var bytes: [UInt8] = []
    RowFormatter.appendEmail(
      first: Int(persons[person].first), last: Int(persons[person].last), number: person + 1,
      variant: variant, to: &bytes)
    return bytes
  }

  /// Counts one planted customer-table quirk.
  mutating func recordPlanted(_ name: String) {
    planted["customer." + name, default: 0] += 1
  }

  private mutating func planGroups(_ random: inout SynthRandom) {
    var person = 0
    while person < config.customers {
      let draw = random.below(10)
      let size = min(draw < 4 ? 1 : draw < 7 ? 2 : draw < 9 ? 3 : 4, config.customers - person)
      groups.append(GroupPlan(firstPerson: Int32(person), count: Int32(size), residue: 0))
      person += size
    }
    period = max(3_933, Int64(groups.count))
    let stride = period / Int64(groups.count)
    for index in groups.indices { groups[index].residue = Int64(index) * stride }
  }

  private mutating func planForcedReadings() {
    let features = ReadingFeature.all
    for (index, feature) in features.enumerated() {
      let group = index * groups.count / features.count
      forced[group, default: []].append(feature)
    }
  }
}
