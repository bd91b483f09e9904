import StediCore
import Testing

/// The galloping lower bound equals a plain one from every start, on sorted data with runs of
/// equal keys, for keys below, inside and above the data.
struct GallopingSearchTests {
  static func plainLowerBound(_ elements: [Int], _ wanted: Int) -> Int {
    elements.firstIndex { $0 >= wanted } ?? elements.count
  }

  @Test(arguments: [0, 1, 2, 7, 64, 1_000])
  func equalsAPlainLowerBoundFromEveryStart(count: Int) {
    var random = SplitMix64(seed: UInt64(count) &+ 17)
    let elements = (0..<count).map { _ in Int(random.next() % 40) }.sorted()
    elements.withUnsafeBufferPointer { buffer in
      for wanted in -1...41 {
        let expected = Self.plainLowerBound(elements, wanted)
        for start in stride(from: -2, through: count + 2, by: max(1, count / 50)) {
          let found = GallopingSearch.lowerBound(in: buffer, near: start) { $0 < wanted }
          #expect(found == expected, "count \(count), wanted \(wanted), from \(start)")
        }
      }
    }
  }

  /// Ascending lookups, each from where the last ended (how the join uses it).
  @Test func ascendingLookupsFromTheLastAnswer() {
    let elements = (0..<10_000).map { $0 / 3 }
    var cursor = 0
    elements.withUnsafeBufferPointer { buffer in
      for wanted in stride(from: 0, to: 3_400, by: 7) {
        cursor = GallopingSearch.lowerBound(in: buffer, near: cursor) { $0 < wanted }
        #expect(cursor == Self.plainLowerBound(elements, wanted))
      }
    }
  }
}
