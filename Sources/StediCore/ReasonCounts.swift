/// Row counts by reason code, in a flat array indexed by `ReasonCode.code`, which keeps counting
/// off the hash path. Encodes as that array.
public struct ReasonCounts: Hashable, Sendable, Codable {
  private var counts: [Int64]

  public init() { counts = Array(repeating: 0, count: ReasonCode.allCases.count) }

  public subscript(reason: ReasonCode) -> Int64 { counts[reason.code] }

  public mutating func add(_ reason: ReasonCode, _ amount: Int64 = 1) { counts[reason.code] += amount }

  /// All rows counted.
  public var total: Int64 { counts.reduce(0, +) }

  public init(from decoder: any Decoder) throws {
    var counts = try decoder.singleValueContainer().decode([Int64].self)
    // Counts written before a reason code was added are shorter.
    if counts.count < ReasonCode.allCases.count {
      counts += Array(repeating: 0, count: ReasonCode.allCases.count - counts.count)
    }
    self.counts = counts
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(counts)
  }
}
