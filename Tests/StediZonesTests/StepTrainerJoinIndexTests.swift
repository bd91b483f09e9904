import StediCore
import StediPolicy
@testable import StediZones
import Testing

/// The join index gives back exactly the rows it was given, found by key in the order they
/// were added, whether it stays in memory or spills sorted runs to its scratch file and merges
/// them.
struct StepTrainerJoinIndexTests {
  struct Expected: Equatable {
    var line: Int64
    var customer: Int32?
    var time: Int64
    var serial: String
    var distance: JSONNumber
    var digest: Digest128
  }

  static func rows(_ count: Int, seed: UInt64) -> [TrustedRow<StepTrainerReading>] {
    var state = seed
    func next(_ bound: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % bound
    }
    return (0..<count).map { index in
      let customer = next(9) == 0 ? nil : CustomerIndex(Int(next(12)))
      let distance: JSONNumber = next(2) == 0 ? .integer(Int64(next(400))) : .real(Double(next(4000)) / 8)
      let reading = StepTrainerReading(
        sensorReadingTime: 1_655_000_000_000 + Int64(next(30)) * 1_000,
        serialNumber: "serial-\(next(5))", distanceFromObject: distance)
      return TrustedRow(
        admitted: Admitted(reading, into: .stepTrainerTrusted, customer: customer), file: 3,
        line: Int64(index + 1), digest: Digest128(high: next(1 << 40), low: UInt64(index)))
    }
  }

  static func expected(_ row: TrustedRow<StepTrainerReading>) -> Expected {
    Expected(
      line: row.line, customer: row.admitted.customer?.value, time: row.row.sensorReadingTime,
      serial: row.row.serialNumber, distance: row.row.distanceFromObject, digest: row.digest)
  }

  @Test(arguments: [(1_000, 1_000_000, true), (1_000, 7, true), (1_000, 64, false), (0, 3, true), (5, 5, true)])
  func findsEveryRowByKeyInMemoryOrSpilled(count: Int, chunkRows: Int, byCustomer: Bool) throws {
    let rows = Self.rows(count, seed: UInt64(count + chunkRows))
    let index = StepTrainerJoinIndex(byCustomer: byCustomer, chunkRows: chunkRows)
    for row in rows { try index.add(row) }
    try index.seal()
    #expect(index.spilled == (count >= chunkRows))
    func key(_ row: TrustedRow<StepTrainerReading>) -> [Int64] {
      [byCustomer ? Int64(row.admitted.customer?.value ?? -1) : -1, row.row.sensorReadingTime]
    }
    // Every row, in key order (added order among equal keys).
    let sorted = rows.enumerated().sorted { a, b in
      key(a.element).lexicographicallyPrecedes(key(b.element)) || (key(a.element) == key(b.element) && a.offset < b.offset)
    }.map { Self.expected($0.element) }
    var all: [Expected] = []
    try index.forEachRow { all.append(Self.expected($0)) }
    #expect(all == sorted)
    // Lookups in the order a probe side would make them, and in reverse.
    let probes = rows.map { ($0.admitted.customer, $0.row.sensorReadingTime) }
      + [(nil, 0), (CustomerIndex(99), Int64.max)]
    for (customer, time) in probes + probes.reversed() {
      var found: [Expected] = []
      try index.forEach(customer: customer, time: time) { found.append(Self.expected($0)) }
      let wanted = [byCustomer ? Int64(customer?.value ?? -1) : -1, time]
      #expect(found == rows.filter { key($0) == wanted }.map(Self.expected))
    }
  }
}
