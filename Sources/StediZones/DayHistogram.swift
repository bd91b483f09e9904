/// Counts per UTC day (epoch milliseconds / 86 400 000), kept in a dense array around the days
/// seen so that counting a reading costs no hashing.
public struct DayHistogram: Hashable, Sendable {
  private var firstDay: Int64 = 0
  private var counts: [Int64] = []

  public init() {}

  public mutating func add(epochMilliseconds time: Int64) {
    let day = time >= 0 ? time / 86_400_000 : (time - 86_399_999) / 86_400_000
    if counts.isEmpty {
      firstDay = day
      counts = [0]
    } else if day < firstDay {
      guard firstDay - day < 100_000 else { return }
      counts.insert(contentsOf: repeatElement(0, count: Int(firstDay - day)), at: 0)
      firstDay = day
    } else if day - firstDay >= Int64(counts.count) {
      guard day - firstDay < 100_000 else { return }
      counts.append(contentsOf: repeatElement(0, count: Int(day - firstDay) - counts.count + 1))
    }
    counts[Int(day - firstDay)] += 1
  }

  /// The non-zero days, as (day number since 1970-01-01, count), in order.
  public var days: [(day: Int64, count: Int64)] {
    counts.enumerated().compactMap { $0.element > 0 ? (firstDay + Int64($0.offset), $0.element) : nil }
  }
}
