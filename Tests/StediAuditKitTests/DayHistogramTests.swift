import StediZones
import Testing

/// The readings histogram behind the report's daily and hourly series.
struct DayHistogramTests {
  @Test func countsPerDayAndPerHourAgree() {
    var histogram = DayHistogram()
    let day = Int64(19_161) * 86_400_000  // 2022-06-18T00:00Z
    let times: [Int64] = [day + 17 * 3_600_000, day + 17 * 3_600_000 + 59_999, day + 18 * 3_600_000, day - 1, day + 86_400_000]
    for time in times { histogram.add(epochMilliseconds: time) }
    #expect(histogram.days.map(\.day) == [19_160, 19_161, 19_162])
    #expect(histogram.days.map(\.count) == [1, 3, 1])
    let first = Int64(19_161 * 24)
    #expect(histogram.hours.map(\.hour) == [first - 1, first + 17, first + 18, first + 24])
    #expect(histogram.hours.map(\.count) == [1, 2, 1, 1])
  }

  @Test func hoursFarFromTheFirstReadingStayInTheDaysOnly() {
    var histogram = DayHistogram()
    histogram.add(epochMilliseconds: 0)
    histogram.add(epochMilliseconds: Int64(20_000) * 3_600_000)  // 833 days later
    #expect(histogram.days.count == 2)
    #expect(histogram.hours.map(\.hour) == [0])
  }
}
