import Foundation

/// A small inline-SVG document: rectangles, lines, circles and text, every text escaped, with a
/// `<title>`, `role="img"` and an `aria-label` for screen readers. No scripts, fonts or links: the
/// result is meant to sit inside a self-contained HTML page.
///
///     var chart = SVGChart(width: 200, height: 40, title: "Rows", label: "Rows: 3 of 4 admitted")
///     chart.rect(x: 0, y: 10, width: 150, height: 20, fill: "#1a7f37")
///     chart.text("3", x: 156, y: 25, metric: "funnel.customer_trusted.admitted", value: 3)
///     let svg = chart.render()
struct SVGChart {
  /// Where a text is anchored horizontally.
  enum Anchor: String {
    case start, middle, end
  }

  /// The size of the drawing in user units (the CSS scales it to the page).
  var width: Double
  var height: Double
  /// The accessible name (`<title>`), and the longer description (`aria-label`, `<desc>`).
  let title: String
  let label: String
  private var elements: [String] = []

  init(width: Double, height: Double, title: String, label: String) {
    self.width = width
    self.height = height
    self.title = title
    self.label = label
  }

  /// A rectangle; `tooltip` becomes its `<title>` (shown on hover, read by screen readers), and
  /// `metric` and `value` its `data-metric` and `data-value`.
  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
    tooltip: String? = nil, metric: String? = nil, value: Int64? = nil
  ) {
    var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" "
    attributes +=
      "width=\"\(Self.number(max(0, width)))\" height=\"\(Self.number(max(0, height)))\" "
    attributes += "fill=\"\(ReportText.html(fill))\""
    if let stroke { attributes += " stroke=\"\(ReportText.html(stroke))\"" }
    attributes += Self.metricAttributes(metric, value)
    elements.append(Self.element("rect", attributes, tooltip: tooltip))
  }

  /// A straight line.
  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil
  ) {
    var attributes = "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" "
    attributes += "x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" "
    attributes += "stroke=\"\(ReportText.html(stroke))\" stroke-width=\"\(Self.number(width))\""
    if let dash { attributes += " stroke-dasharray=\"\(ReportText.html(dash))\"" }
    elements.append("<line \(attributes)/>")
  }

  /// An open line through `points`.
  mutating func polyline(
    _ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil
  ) {
    let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
    var attributes = "points=\"\(list)\" fill=\"none\" stroke=\"\(ReportText.html(stroke))\" "
    attributes += "stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\""
    if let dash { attributes += " stroke-dasharray=\"\(ReportText.html(dash))\"" }
    elements.append("<polyline \(attributes)/>")
  }

  /// A dot that carries a value: `metric` and `value` become `data-metric` and `data-value`.
  mutating func circle(
    cx: Double, cy: Double, radius: Double, fill: String, tooltip: String? = nil,
    metric: String? = nil, value: Int64? = nil
  ) {
    var attributes =
      "cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(radius))\" "
    attributes += "fill=\"\(ReportText.html(fill))\"" + Self.metricAttributes(metric, value)
    elements.append(Self.element("circle", attributes, tooltip: tooltip))
  }

  /// A text; with `metric`, it shows a number that tests and tools can read back
  /// (`data-metric`, and the raw `data-value`).
  mutating func text(
    _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 13,
    weight: String? = nil, fill: String = "#1f2328", metric: String? = nil, value: Int64? = nil
  ) {
    elements.append(
      "<text" + textAttributes(x: x, y: y, anchor: anchor, size: size, weight: weight, fill: fill)
        + Self.metricAttributes(metric, value) + ">\(ReportText.html(content))</text>")
  }

  /// A text made of runs, each of which may carry a metric (`<tspan data-metric=…>`).
  mutating func text(
    runs: [(text: String, metric: String?, value: Int64?)], x: Double, y: Double,
    anchor: Anchor = .start, size: Double = 13, fill: String = "#1f2328"
  ) {
    let spans = runs.map { run in
      "<tspan" + Self.metricAttributes(run.metric, run.value)
        + ">\(ReportText.html(run.text))</tspan>"
    }
    elements.append(
      "<text" + textAttributes(x: x, y: y, anchor: anchor, size: size, weight: nil, fill: fill)
        + ">" + spans.joined() + "</text>")
  }

  /// A text rotated about its anchor point (for a vertical axis title).
  mutating func verticalText(_ content: String, x: Double, y: Double, size: Double = 12) {
    let position = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\""
    elements.append(
      "<text \(position) text-anchor=\"middle\" font-size=\"\(Self.number(size))\" "
        + "fill=\"#57606a\" transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\">"
        + "\(ReportText.html(content))</text>"
    )
  }

  /// The `<svg>` element, sized by its view box so that CSS can scale it.
  func render() -> String {
    let size = "\(Self.number(width)) \(Self.number(height))"
    return "<svg class=\"chart\" viewBox=\"0 0 \(size)\" width=\"\(Self.number(width))\" "
      + "height=\"\(Self.number(height))\" role=\"img\" aria-label=\"\(ReportText.html(label))\" "
      + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\">"
      + "<title>\(ReportText.html(title))</title><desc>\(ReportText.html(label))</desc>"
      + elements.joined() + "</svg>"
  }

  private func textAttributes(
    x: Double, y: Double, anchor: Anchor, size: Double, weight: String?, fill: String
  ) -> String {
    var attributes =
      " x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" "
    attributes += "fill=\"\(ReportText.html(fill))\""
    if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
    if let weight { attributes += " font-weight=\"\(ReportText.html(weight))\"" }
    return attributes
  }

  private static func element(_ name: String, _ attributes: String, tooltip: String?) -> String {
    guard let tooltip else { return "<\(name) \(attributes)/>" }
    return "<\(name) \(attributes)><title>\(ReportText.html(tooltip))</title></\(name)>"
  }

  private static func metricAttributes(_ metric: String?, _ value: Int64?) -> String {
    var out = ""
    if let metric { out += " data-metric=\"\(ReportText.html(metric))\"" }
    if let value { out += " data-value=\"\(value)\"" }
    return out
  }

  /// A coordinate with at most one decimal (`12`, `12.5`).
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int64(rounded)) : String(format: "%.1f", rounded)
  }

  /// A "nice" axis step (1, 2 or 5 times a power of ten) so that about `ticks` steps cover
  /// `maximum`.
  static func niceStep(maximum: Double, ticks: Int) -> Double {
    guard maximum > 0, ticks > 0 else { return 1 }
    let raw = maximum / Double(ticks)
    let magnitude = pow(10, floor(log10(raw)))
    let fraction = raw / magnitude
    let nice: Double = fraction <= 1 ? 1 : (fraction <= 2 ? 2 : (fraction <= 5 ? 5 : 10))
    return max(1, nice * magnitude)
  }
}
