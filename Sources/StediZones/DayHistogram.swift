/// Counts per UTC day and per UTC hour (epoch milliseconds / 86 400 000, / 3 600 000), kept in
/// dense arrays around the buckets seen so that counting a reading costs no hashing.
public struct DayHistogram: Hashable, Sendable {
  private var perDay = DenseCounts(width: 86_400_000, limit: 100_000)
  /// Hours within about 14 months of the first reading; readings beyond count in `days` only.
  private var perHour = DenseCounts(width: 3_600_000, limit: 10_000)

  public init() {}

  public mutating func add(epochMilliseconds time: Int64) {
    perDay.add(time)
    perHour.add(time)
  }

  /// The non-zero days, as (day number since 1970-01-01, count), in order.
  public var days: [(day: Int64, count: Int64)] { perDay.buckets.map { ($0.bucket, $0.count) } }

  /// The non-zero hours, as (hour number since 1970-01-01T00Z, count), in order.
  public var hours: [(hour: Int64, count: Int64)] { perHour.buckets.map { ($0.bucket, $0.count) } }
}

/// Counts per bucket of `width` milliseconds, within `limit` buckets of the first one seen.
private struct DenseCounts: Hashable, Sendable {
  let width: Int64
  let limit: Int64
  private var first: Int64 = 0
  private var counts: [Int64] = []

  init(width: Int64, limit: Int64) {
    self.width = width
    self.limit = limit
  }

  mutating func add(_ time: Int64) {
    let bucket = time >= 0 ? time / width : (time - (width - 1)) / width
    if counts.isEmpty {
      first = bucket
      counts = [0]
    } else if bucket < first {
      guard first - bucket < limit - Int64(counts.count) else { return }
      counts.insert(contentsOf: repeatElement(0, count: Int(first - bucket)), at: 0)
      first = bucket
    } else if bucket - first >= Int64(counts.count) {
      guard bucket - first < limit else { return }
      counts.append(contentsOf: repeatElement(0, count: Int(bucket - first) - counts.count + 1))
    }
    counts[Int(bucket - first)] += 1
  }

  var buckets: [(bucket: Int64, count: Int64)] {
    counts.enumerated().compactMap { $0.element > 0 ? (first + Int64($0.offset), $0.element) : nil }
  }
}
