/// Turns planned rows into the bytes of landing lines, defects included.
struct LineComposer {
  let plan: SynthPlan
  /// Decides where truncated lines are cut; its own stream, so files stay deterministic.
  var random: SynthRandom
  /// A line composed whole before being cut short.
  var scratch: [UInt8] = []

  /// A line beyond 64-bit times.
  static let hugeTime: StaticString = "99999999999999999999"

  init(plan: SynthPlan, stream: UInt64) {
    self.plan = plan
    random = SynthRandom(seed: plan.config.seed, stream: stream)
    scratch.reserveCapacity(1_024)
  }

  /// A person's email in a variant.
  func appendEmail(person: Int, variant: UInt8, to bytes: inout [UInt8]) {
    let planned = plan.persons[person]
    RowFormatter.appendEmail(
      first: Int(planned.first), last: Int(planned.last), number: person + 1, variant: variant,
      to: &bytes)
  }

  /// The email of an unknown user: numbers beyond every customer's.
  func appendGhostEmail(_ ghost: Int32, to bytes: inout [UInt8]) {
    let index = Int(ghost)
    RowFormatter.appendEmail(
      first: index % NameList.first.count, last: index / 7 % NameList.last.count,
      number: plan.config.customers + 1 + index, variant: 0, to: &bytes)
  }

  /// Appends a prefix of `scratch`: a line cut short (never empty, never whole).
  mutating func appendTruncatedScratch(to bytes: inout [UInt8]) {
    let length = 1 + random.below(max(scratch.count - 2, 1))
    bytes.append(contentsOf: scratch[0..<min(length, scratch.count - 1)])
  }

  /// Bytes that are not JSON; never white space only, never a line break.
  mutating func appendGarbage(to bytes: inout [UInt8]) {
    switch random.below(4) {
    case 0: bytes.append(contentsOf: [0x00, 0x01, 0x02, 0x7F, 0x3C, 0x3E, 0x1B])
    case 1: RowFormatter.append("}{ not json at all", to: &bytes)
    case 2: RowFormatter.append("user=unknown;timestamp=?", to: &bytes)
    default: bytes.append(contentsOf: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00])
    }
  }
}
