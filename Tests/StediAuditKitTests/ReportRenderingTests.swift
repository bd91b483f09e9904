import Foundation
import StediAuditKit
import StediCore
import StediAuditTestSupport
import Testing

/// The compliance report rendered as Markdown, JSON and HTML, on the `tiny` fixture run under
/// both profiles into one workspace (strict first, then udacity-rubric, which is published).
/// The HTML is checked in a real headless Chromium.
struct ReportRenderingTests {
  static let tiny = Bundle.module.url(forResource: "Fixtures/tiny", withExtension: nil)
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The rubric profile's funnel on `tiny` (`Fixtures/tiny/EXPECTED.md`): table, rows in,
  /// admitted, excluded, quarantined, rows out.
  static let rubricFunnel: [(String, Int64, Int64, Int64, Int64, Int64)] = [
    ("customer_trusted", 11, 6, 3, 2, 6),
    ("accelerometer_trusted", 12, 8, 3, 1, 8),
    ("step_trainer_trusted", 8, 4, 3, 1, 4),
    ("customer_curated", 6, 4, 2, 0, 4),
    ("machine_learning_curated", 12, 11, 1, 0, 7),
  ]

  /// Runs both profiles into `directory`/ws and reports on the published (rubric) run; also
  /// returns the strict run's id.
  static func makeReport(in directory: TemporaryDirectory) throws -> (ComplianceReport, String) {
    let landing = try #require(tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    let strict = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, profile: "strict", keysDirectory: directory.path("keys")), logger: logger)
    _ = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, profile: "udacity-rubric", keysDirectory: directory.path("keys")), logger: logger)
    return (try Toolkit.report(ReportRequest(workspace: workspace)), strict.summary.runID)
  }

  /// Every identity in the fixture's customer file: names, e-mails, phones, birthdays, serials.
  static func identities() throws -> [String] {
    let file = try #require(tiny).appendingPathComponent("customer/customers.json")
    var found: Set<String> = []
    for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      else { continue }
      for field in ["customerName", "email", "phone", "birthDay", "serialNumber"] {
        if let value = object[field] as? String, !value.isEmpty {
          found.insert(value)
          if field == "email" { found.insert(value.lowercased()) }
        }
      }
    }
    #expect(found.contains("ana.lee@test.com") && found.contains("Ana Lee"))
    return found.sorted()
  }

  static func json(_ report: ComplianceReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(report)
  }

  @Test func markdownShowsTheFunnelReasonsAndChangesAndNoIdentity() throws {
    let directory = TemporaryDirectory()
    let (report, strictRun) = try Self.makeReport(in: directory)
    let markdown = report.renderMarkdown()
    #expect(markdown.hasPrefix("# Compliance report: run `\(report.run.runId)`"))
    for (table, rowsIn, admitted, excluded, quarantined, rowsOut) in Self.rubricFunnel {
      let zone = table.hasSuffix("_curated") ? "curated" : "trusted"
      let row =
        "| \(table) | \(zone) | \(rowsIn) | \(admitted) | \(excluded) | \(quarantined) "
        + "| \(rowsOut) |"
      #expect(markdown.contains(row), "funnel row \(row)")
    }
    for row in [
      "| customer_trusted | [`no_consent`](docs/semantics.md#no_consent) | excluded | 3 |",
      "| customer_trusted | [`malformed`](docs/semantics.md#malformed) | quarantined | 1 |",
      "| accelerometer_trusted | [`unknown_user`](docs/semantics.md#unknown_user) | excluded | 2 |",
      "| step_trainer_trusted | [`not_curated`](docs/semantics.md#not_curated) | excluded | 2 |",
      "| machine_learning_curated | [`no_match`](docs/semantics.md#no_match) | excluded | 1 |",
    ] {
      #expect(markdown.contains(row), "reason row \(row)")
    }
    #expect(
      markdown.contains(
        "> [!WARNING]\n> **cross_customer_join** in `machine_learning_curated`: 1 rows."))
    #expect(
      markdown.contains("✓ **Verified**: all \(report.verification.checks.count) checks passed"))
    for check in report.verification.checks {
      #expect(markdown.contains("| ✓ | \(check.name) |"))
    }
    #expect(
      markdown.contains("Previous run: `\(strictRun)`. Policy **changed**; inputs unchanged."))
    #expect(markdown.contains("| customer_trusted | 4 | 6 | +2 |"))
    #expect(markdown.contains("| Consented (admitted to customer_trusted) | 5 | 71.4% |"))
    #expect(markdown.contains(report.run.policySHA256))
    let leaked = PlaintextScan.occurrences(of: try Self.identities(), in: Data(markdown.utf8))
    #expect(leaked.isEmpty, "identities in the Markdown: \(leaked)")
  }

  @Test func changesShowThePolicyDiffAndReadingsComePerHour() throws {
    let directory = TemporaryDirectory()
    let (report, _) = try Self.makeReport(in: directory)
    let diff = try #require(report.changes?.policyDiff)
    // strict -> udacity-rubric: the profile's name and its consent rule change.
    #expect(diff.contains { $0.kind == .removed && $0.text.contains("strict") })
    #expect(diff.contains { $0.kind == .added && $0.text.contains("udacity-rubric") })
    #expect(diff.contains { $0.kind == .added && $0.text.contains("whenever_present") })
    #expect(diff.contains { $0.kind == .context })
    let markdown = report.renderMarkdown()
    #expect(markdown.contains("```diff\n"))
    #expect(markdown.contains("\n+ " + (diff.first { $0.kind == .added }?.text ?? "?")))
    let html = report.renderHTML()
    #expect(html.contains("<ins>+ "))
    #expect(html.contains("<del>- "))
    // The hourly series holds the same readings as the daily one.
    let perDay = report.readingsPerDay.reduce(0) { $0 + $1.accelerometer + $1.stepTrainer }
    let perHour = report.readingsPerHour.reduce(0) { $0 + $1.accelerometer + $1.stepTrainer }
    #expect(perDay > 0 && perHour == perDay)
    #expect(report.readingsPerHour.allSatisfy { $0.hour.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:00Z/) != nil })
    #expect(markdown.contains("### Per hour"))
    #expect(html.contains("Admitted readings per hour"))
  }

  @Test func theFirstRunHasNoChangesAndNoHazard() throws {
    let directory = TemporaryDirectory()
    let (_, strictRun) = try Self.makeReport(in: directory)
    let report = try Toolkit.report(
      ReportRequest(workspace: directory.path("ws"), runID: strictRun))
    #expect(report.run.runId == strictRun && !report.run.published && report.changes == nil)
    let markdown = report.renderMarkdown()
    #expect(markdown.contains("This is the first run of the workspace."))
    #expect(markdown.contains("✓ No privacy hazard was found in this run."))
    #expect(markdown.contains("| customer_trusted | [`superseded`](docs/semantics.md#superseded) | excluded | 1 |"))
    let html = report.renderHTML()
    #expect(html.contains("<p>This is the first run of the workspace.</p>"))
    #expect(
      html.contains(
        #"<span data-metric="funnel.customer_trusted.admitted" data-value="4">4</span>"#))
  }

  @Test func jsonValidatesAgainstTheDocumentedSchema() throws {
    let directory = TemporaryDirectory()
    let (report, strictRun) = try Self.makeReport(in: directory)
    let first = try Toolkit.report(ReportRequest(workspace: directory.path("ws"), runID: strictRun))
    let schema = Self.packageRoot.appendingPathComponent("docs/report.schema.json")
    for (name, value) in [("published", report), ("first", first)] {
      let file = directory.path("\(name).json")
      try Self.json(value).write(to: file)
      let result = try Self.validate(file, against: schema)
      #expect(result.status == 0, "\(name) report does not validate: \(result.output)")
    }
    // The schema is not vacuous: a report without its funnel, or with an unknown field, fails.
    var object = try #require(
      try JSONSerialization.jsonObject(with: Self.json(report)) as? [String: Any])
    object.removeValue(forKey: "funnel")
    object["surprise"] = 1
    let broken = directory.path("broken.json")
    try JSONSerialization.data(withJSONObject: object).write(to: broken)
    let result = try Self.validate(broken, against: schema)
    #expect(
      result.status == 1 && result.output.contains("funnel") && result.output.contains("surprise"))
    let leaked = PlaintextScan.occurrences(of: try Self.identities(), in: try Self.json(report))
    #expect(leaked.isEmpty, "identities in the JSON: \(leaked)")
  }

  @Test func htmlIsSelfContainedAccessibleAndFreeOfIdentities() throws {
    let directory = TemporaryDirectory()
    let (report, _) = try Self.makeReport(in: directory)
    let html = report.renderHTML()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<title>Compliance report: run \(report.run.runId)</title>"))
    #expect(html.contains("@media print"))
    for forbidden in [
      "http://", "https://", "<script", "<link", "@import", "url(", "src=",
    ] {
      #expect(!html.lowercased().contains(forbidden), "the HTML contains \(forbidden)")
    }
    // The only links are those of reason codes to their definitions; they load nothing.
    let links = html.components(separatedBy: "href=").dropFirst()
    #expect(!links.isEmpty)
    #expect(links.allSatisfy { $0.hasPrefix("\"docs/semantics.md#") })
    let svgs = html.components(separatedBy: "<svg ").dropFirst()
    #expect(svgs.count == 4)
    for svg in svgs {
      #expect(svg.contains(#"role="img" aria-label=""#) && svg.contains("<title>"))
    }
    #expect(html.contains(#"data-metric="verification.passed" data-value="true""#))
    #expect(html.contains(#"data-metric="consent.consented" data-value="5""#))
    let leaked = PlaintextScan.occurrences(of: try Self.identities(), in: Data(html.utf8))
    #expect(leaked.isEmpty, "identities in the HTML: \(leaked)")
  }

  @Test func everyInsertedTextIsEscapedAndFailuresShow() throws {
    let directory = TemporaryDirectory()
    var (report, _) = try Self.makeReport(in: directory)
    report.hazards[0].description = #"<script>alert("x")</script> & <img src=x> | pipe"#
    report.verification.checks[0].passed = false
    report.verification.checks[0].details = ["<b>tampered</b> file"]
    let html = report.renderHTML()
    #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>tampered"))
    #expect(
      html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x&gt;"))
    #expect(html.contains(#"<div class="verdict fail" role="status">"#))
    #expect(html.contains(#"data-metric="verification.passed" data-value="false""#))
    #expect(html.contains(#"data-metric="verification.checks.0.passed" data-value="false""#))
    let markdown = report.renderMarkdown()
    #expect(markdown.contains("✗ **NOT VERIFIED**: 1 of"))
    #expect(markdown.contains("&lt;script&gt;") && markdown.contains("\\| pipe"))
    #expect(
      markdown.contains(
        "| ✗ | \(report.verification.checks[0].name) | &lt;b&gt;tampered&lt;/b&gt; file |"))
  }

  /// The real-browser test: Chromium renders the page, every `data-metric` value in the DOM it
  /// built equals the value at the same path of the JSON report, and a screenshot is taken.
  @Test func chromiumRendersTheNumbersOfTheJSONReport() throws {
    let chromium = try ReportBrowser.chromium()
    let directory = TemporaryDirectory("stedi-audit-report")
    let (report, _) = try Self.makeReport(in: directory)
    let page = directory.path("report.html")
    let html = report.renderHTML()
    try Data(html.utf8).write(to: page)
    let json = try JSONDecoder().decode(ReportBrowser.JSONValue.self, from: Self.json(report))

    let dom = try ReportBrowser.dumpDOM(
      page, chromium: chromium, profile: directory.path("profile"))
    #expect(dom.contains("<title>Compliance report: run \(report.run.runId)</title>"))
    let metrics = try ReportBrowser.metrics(in: dom)
    let written = html.components(separatedBy: " data-metric=\"").count - 1
    #expect(metrics.count == written, "the browser's DOM lost data-metric elements")
    for metric in metrics {
      guard let expected = json.resolve(metric.path)?.plain else {
        Issue.record("\(metric.path) is not a value of the JSON report")
        continue
      }
      #expect((metric.value ?? metric.text) == expected, "\(metric.path)")
      if let value = metric.value, Int64(value) != nil, !metric.text.isEmpty {
        #expect(
          metric.text.replacingOccurrences(of: ",", with: "") == value, "\(metric.path) as shown")
      }
    }
    let shown = Set(metrics.map(\.path))
    var required = ["verification.passed", "run.runId", "run.policySHA256", "hazards.0.count"]
    for stage in report.funnel {
      required += ["rowsIn", "admitted", "excludedTotal", "quarantinedTotal", "rowsOut"]
        .map { "funnel.\(stage.table).\($0)" }
      required += stage.excluded.keys.map { "funnel.\(stage.table).excluded.\($0)" }
      required += stage.quarantined.keys.map { "funnel.\(stage.table).quarantined.\($0)" }
    }
    required += [
      "customers", "consented", "notConsented", "ambiguous", "withdrawn", "curated",
      "readingsBeforeConsent", "readingsWithoutConsent",
    ].map { "consent.\($0)" }
    required += report.verification.checks.indices.map { "verification.checks.\($0).passed" }
    for table in report.changes?.tables ?? [] {
      required += ["before", "now"].map { "changes.tables.\(table.table).\($0)" }
    }
    for day in report.readingsPerDay {
      required += ["accelerometer", "stepTrainer"].map { "readingsPerDay.\(day.day).\($0)" }
    }
    for hour in report.readingsPerHour {
      required += ["accelerometer", "stepTrainer"].map { "readingsPerHour.\(hour.hour).\($0)" }
    }
    #expect(!report.readingsPerHour.isEmpty)
    // Every reason of the exclusions table links to its definition, and the page keeps the link.
    for stage in report.funnel {
      for reason in stage.excluded.keys.sorted() + stage.quarantined.keys.sorted() {
        #expect(dom.contains("href=\"docs/semantics.md#\(reason)\""), "no link for \(reason)")
      }
    }
    #expect(dom.contains("<pre class=\"policy-diff\">"))
    let missing = required.filter { !shown.contains($0) }
    #expect(missing.isEmpty, "numbers the page does not show: \(missing)")
    #expect(report.changes != nil && !report.readingsPerDay.isEmpty)

    let png = directory.path("report.png")
    try ReportBrowser.screenshot(
      page, to: png, width: 1280, height: 2400, chromium: chromium,
      profile: directory.path("profile"))
    let data = try Data(contentsOf: png)
    #expect(data.count > 20_000, "the screenshot is only \(data.count) bytes")
    let size = try #require(ReportBrowser.pngSize(data), "the screenshot is not a PNG")
    #expect(size.width == 1280 && size.height == 2400)
  }

  /// Validates `document` against `schema` (JSON Schema 2020-12) with Python's `jsonschema`,
  /// installing it with pip if it is missing.
  static func validate(_ document: URL, against schema: URL) throws -> (
    status: Int32, output: String
  ) {
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          sys.exit(3)
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      validator = jsonschema.Draft202012Validator(schema)
      document = json.load(open(sys.argv[2]))
      errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
      for error in errors:
          print("/".join(map(str, error.path)), error.message)
      sys.exit(1 if errors else 0)
      """
    let python = URL(fileURLWithPath: "/usr/bin/python3")
    var result = try ReportBrowser.run(
      python, ["-c", script, schema.path, document.path], timeout: 120)
    if result.status == 3 {
      let pip = try ReportBrowser.run(python, ["-m", "pip", "install", "jsonschema"], timeout: 600)
      if pip.status != 0 {
        _ = try ReportBrowser.run(
          python, ["-m", "pip", "install", "--break-system-packages", "jsonschema"], timeout: 600)
      }
      result = try ReportBrowser.run(
        python, ["-c", script, schema.path, document.path], timeout: 120)
    }
    #expect(result.status != 3, "Python's jsonschema is missing and pip could not install it")
    return (result.status, result.output)
  }
}
