/// The plot area of a chart with a vertical value axis from 0 to `ceiling`, and one slot per
/// category (day) along the horizontal axis.
struct ReportPlot {
  let left: Double
  let top: Double
  let width: Double
  let height: Double
  let ceiling: Double

  /// The vertical position of `value`.
  func y(_ value: Double) -> Double { top + height - height * value / max(ceiling, 1) }

  /// The centre of slot `index` of `count`.
  func x(_ index: Int, of count: Int) -> Double {
    left + width * (Double(index) + 0.5) / Double(max(count, 1))
  }
}
