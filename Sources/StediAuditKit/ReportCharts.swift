import Foundation

/// The three charts of the HTML report, drawn as inline SVG: the zone funnel, exclusions by
/// reason and admitted readings per day. Every number a chart prints carries `data-metric`
/// (its path in the JSON report) and `data-value` (the raw number).
enum ReportCharts {
  /// Colours with at least 4.5:1 contrast on white.
  static let admitted = "#1a7f37"
  static let excluded = "#bc4c00"
  static let quarantined = "#cf222e"
  static let accelerometer = "#0969da"
  static let stepTrainer = "#8250df"
  static let muted = "#57606a"
  static let grid = "#d0d7de"

  /// Per table, one bar for its rows in, split into admitted, excluded and quarantined rows.
  static func funnel(_ stages: [ComplianceReport.FunnelStage]) -> String {
    let rowHeight = 58.0
    let barX = 220.0
    let barWidth = 380.0
    let label = stages.map {
      "\($0.table): \($0.rowsIn) in, \($0.admitted) admitted, \($0.excludedTotal) excluded, "
        + "\($0.quarantinedTotal) quarantined"
    }.joined(separator: "; ")
    var chart = SVGChart(
      width: 760, height: 44 + rowHeight * Double(max(1, stages.count)),
      title: "Zone funnel: rows in per table, by decision", label: "Zone funnel. " + label)
    legend(
      &chart, [("admitted", admitted), ("excluded", excluded), ("quarantined", quarantined)], y: 14)
    for (index, stage) in stages.enumerated() {
      let top = 40 + rowHeight * Double(index)
      let metric = "funnel.\(stage.table)"
      chart.text(stage.table, x: 0, y: top + 17, size: 13, weight: "600")
      chart.text("\(ReportText.zoneLabel(stage)) zone", x: 0, y: top + 34, size: 12, fill: muted)
      var x = barX
      let parts: [(String, Int64, String)] = [
        ("admitted", stage.admitted, admitted), ("excluded", stage.excludedTotal, excluded),
        ("quarantined", stage.quarantinedTotal, quarantined),
      ]
      if stage.rowsIn == 0 {
        chart.rect(x: barX, y: top + 4, width: barWidth, height: 20, fill: "#ffffff", stroke: grid)
      }
      for (name, rows, colour) in parts where rows > 0 && stage.rowsIn > 0 {
        let width = max(1.5, barWidth * Double(rows) / Double(stage.rowsIn))
        chart.rect(
          x: x, y: top + 4, width: width, height: 20, fill: colour,
          tooltip: "\(stage.table): \(ReportText.grouped(rows)) \(name) "
            + "(\(ReportText.percent(rows, of: stage.rowsIn)))")
        x += width
      }
      chart.text(
        runs: [
          (ReportText.grouped(stage.rowsIn), "\(metric).rowsIn", stage.rowsIn),
          (" rows in", nil, nil),
        ], x: barX + barWidth + 10, y: top + 19)
      chart.text(
        runs: [
          (ReportText.grouped(stage.admitted), "\(metric).admitted", stage.admitted),
          (" admitted · ", nil, nil),
          (ReportText.grouped(stage.excludedTotal), "\(metric).excludedTotal", stage.excludedTotal),
          (" excluded · ", nil, nil),
          (
            ReportText.grouped(stage.quarantinedTotal), "\(metric).quarantinedTotal",
            stage.quarantinedTotal
          ),
          (" quarantined", nil, nil),
        ], x: barX, y: top + 41, size: 12, fill: muted)
    }
    return chart.render()
  }

  /// Per table, one horizontal bar per reason, on one scale for the whole chart.
  static func exclusions(_ stages: [ComplianceReport.FunnelStage]) -> String {
    let groups = stages.filter { !$0.reasons.isEmpty }
    let bars = groups.reduce(0) { $0 + $1.reasons.count }
    let maximum = groups.flatMap { $0.reasons.map(\.rows) }.max() ?? 0
    let labelWidth = 190.0
    let barWidth = 440.0
    let heading = 26.0
    let row = 22.0
    let height = 40 + heading * Double(groups.count) + row * Double(bars) + 8
    let label = groups.map { stage in
      stage.table + ": "
        + stage.reasons.map { "\($0.reason) \($0.rows)" }.joined(separator: ", ")
    }.joined(separator: "; ")
    var chart = SVGChart(
      width: 760, height: max(height, 70), title: "Rows excluded or quarantined, by reason",
      label: "Rows excluded or quarantined, by table and reason. "
        + (label.isEmpty ? "None." : label))
    legend(&chart, [("excluded", excluded), ("quarantined", quarantined)], y: 14)
    guard maximum > 0 else {
      chart.text("No row was excluded or quarantined.", x: 0, y: 56, fill: muted)
      return chart.render()
    }
    var y = 40.0
    for stage in groups {
      chart.text(stage.table, x: 0, y: y + 18, size: 13, weight: "600")
      y += heading
      for reason in stage.reasons {
        let kind = reason.quarantined ? "quarantined" : "excluded"
        chart.text(reason.reason, x: labelWidth - 10, y: y + 15, anchor: .end, size: 12)
        let width = max(2, barWidth * Double(reason.rows) / Double(maximum))
        chart.rect(
          x: labelWidth, y: y + 3, width: width, height: 16,
          fill: reason.quarantined ? quarantined : excluded,
          tooltip:
            "\(stage.table) \(kind): \(reason.reason), \(ReportText.grouped(reason.rows)) rows")
        chart.text(
          ReportText.grouped(reason.rows), x: labelWidth + width + 6, y: y + 15, size: 12,
          metric: "funnel.\(stage.table).\(kind).\(reason.reason)", value: reason.rows)
        y += row
      }
    }
    return chart.render()
  }

  /// One bucket of a readings chart: a day or an hour.
  struct ReadingPoint {
    var label: String
    var accelerometer: Int64
    var stepTrainer: Int64
  }

  /// Admitted readings per UTC day.
  static func readings(_ days: [DayCount]) -> String {
    readings(
      days.map { ReadingPoint(label: $0.day, accelerometer: $0.accelerometer, stepTrainer: $0.stepTrainer) },
      unit: "day", metric: "readingsPerDay", tick: { $0 })
  }

  /// Admitted readings per UTC hour (ticks labelled `06-18 17h`).
  static func readings(hours: [HourCount]) -> String {
    readings(
      hours.map { ReadingPoint(label: $0.hour, accelerometer: $0.accelerometer, stepTrainer: $0.stepTrainer) },
      unit: "hour", metric: "readingsPerHour",
      tick: { String($0.dropFirst(5).prefix(5)) + " " + String($0.dropFirst(11).prefix(2)) + "h" })
  }

  /// Admitted accelerometer and step-trainer readings per UTC `unit`, with axes: a pair of bars
  /// per bucket (labelled with their numbers up to 16 buckets), or two lines beyond 31.
  private static func readings(
    _ days: [ReadingPoint], unit: String, metric: String, tick tickLabel: (String) -> String
  ) -> String {
    let (left, right, top, bottom) = (72.0, 20.0, 40.0, 52.0)
    let (width, height) = (760.0, 320.0)
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let total = days.reduce((0 as Int64, 0 as Int64)) {
      ($0.0 + $1.accelerometer, $0.1 + $1.stepTrainer)
    }
    var chart = SVGChart(
      width: width, height: height, title: "Admitted readings per \(unit)",
      label: "Admitted readings per \(unit) (UTC), \(days.count) \(unit)s"
        + (days.isEmpty ? "" : " from \(days[0].label) to \(days[days.count - 1].label)")
        + ": \(total.0) accelerometer and \(total.1) step-trainer readings in all.")
    legend(&chart, [("accelerometer", accelerometer), ("step trainer", stepTrainer)], y: 14)
    guard !days.isEmpty else {
      chart.text("No reading was admitted.", x: left, y: top + 40, fill: muted)
      return chart.render()
    }
    let maximum = max(1, Double(days.map { max($0.accelerometer, $0.stepTrainer) }.max() ?? 0))
    let step = SVGChart.niceStep(maximum: maximum, ticks: 5)
    let ceiling = max(step, (maximum * 1.08 / step).rounded(.up) * step)
    let plot = ReportPlot(
      left: left, top: top, width: plotWidth, height: plotHeight, ceiling: ceiling)
    var tick = 0.0
    while tick <= ceiling + step / 2 {
      let y = plot.y(tick)
      chart.line(
        x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: grid, dash: tick == 0 ? nil : "3 3")
      chart.text(
        ReportText.grouped(Int64(tick)), x: left - 8, y: y + 4, anchor: .end, size: 11, fill: muted)
      tick += step
    }
    chart.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: muted)
    let stride = max(1, Int((Double(days.count) / 7).rounded(.up)))
    for index in days.indices where index % stride == 0 {
      let x = plot.x(index, of: days.count)
      chart.line(x1: x, y1: top + plotHeight, x2: x, y2: top + plotHeight + 5, stroke: muted)
      chart.text(
        tickLabel(days[index].label), x: x, y: top + plotHeight + 19, anchor: .middle, size: 11, fill: muted)
    }
    chart.text(
      "\(unit) (UTC)", x: left + plotWidth / 2, y: height - 8, anchor: .middle, size: 12, fill: muted)
    chart.verticalText("readings per \(unit)", x: 14, y: top + plotHeight / 2)
    if days.count <= 31 {
      dayBars(&chart, days, plot, metric: metric)
    } else {
      dayLines(&chart, days, plot, metric: metric)
    }
    chart.line(
      x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, stroke: muted)
    return chart.render()
  }

  /// The two series: name, colour, dash, field of `ReadingPoint`, field name in the JSON report.
  private static var series: [(String, String, String?, KeyPath<ReadingPoint, Int64>, String)] {
    [
      ("accelerometer", accelerometer, nil, \.accelerometer, "accelerometer"),
      ("step trainer", stepTrainer, "6 4", \.stepTrainer, "stepTrainer"),
    ]
  }

  private static func dayBars(_ chart: inout SVGChart, _ days: [ReadingPoint], _ plot: ReportPlot, metric prefix: String) {
    let group = plot.width / Double(days.count)
    let bar = min(64, group * 0.36)
    for (index, day) in days.enumerated() {
      let center = plot.x(index, of: days.count)
      for (number, (name, colour, _, path, field)) in series.enumerated() {
        let value = day[keyPath: path]
        let x = number == 0 ? center - bar - 2 : center + 2
        let y = plot.y(Double(value))
        let metric = "\(prefix).\(day.label).\(field)"
        let labelled = days.count <= 16
        chart.rect(
          x: x, y: y, width: bar, height: plot.top + plot.height - y, fill: colour,
          tooltip: "\(day.label): \(ReportText.grouped(value)) \(name) readings",
          metric: labelled ? nil : metric, value: labelled ? nil : value)
        if labelled {
          chart.text(
            ReportText.grouped(value), x: x + bar / 2, y: y - 5, anchor: .middle, size: 11,
            metric: metric, value: value)
        }
      }
    }
  }

  private static func dayLines(_ chart: inout SVGChart, _ days: [ReadingPoint], _ plot: ReportPlot, metric prefix: String) {
    for (name, colour, dash, path, field) in series {
      let points = days.indices.map {
        (x: plot.x($0, of: days.count), y: plot.y(Double(days[$0][keyPath: path])))
      }
      chart.polyline(points, stroke: colour, dash: dash)
      guard days.count <= 120 else { continue }
      for (index, day) in days.enumerated() {
        chart.circle(
          cx: points[index].x, cy: points[index].y, radius: days.count > 60 ? 2 : 3, fill: colour,
          tooltip: "\(day.label): \(ReportText.grouped(day[keyPath: path])) \(name) readings",
          metric: "\(prefix).\(day.label).\(field)", value: day[keyPath: path])
      }
    }
  }

  /// A row of colour swatches with their names, from the left edge.
  private static func legend(_ chart: inout SVGChart, _ entries: [(String, String)], y: Double) {
    var x = 0.0
    for (name, colour) in entries {
      chart.rect(x: x, y: y - 10, width: 12, height: 12, fill: colour)
      chart.text(name, x: x + 17, y: y, size: 12)
      x += 17 + Double(name.count) * 7.2 + 22
    }
  }
}
