import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediCore
import StediSynth
import Testing

/// The same records spelled as the public export, as Spark writes them (nulls, float times,
/// numeric phones) and with catalogue-lower-cased keys curate into byte-identical trusted and
/// curated tables, with the same counts; every coercion is counted.
struct TypeDriftRunTests {
  /// A policy file: strict, with keys matched ignoring case.
  private static func caseInsensitivePolicy(in directory: TemporaryDirectory) throws -> URL {
    let text = try String(contentsOf: repositoryFile("policies/strict.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "key_match: exact", with: "key_match: case_insensitive")
    let url = directory.path("strict-ci.yaml")
    try Data(text.utf8).write(to: url)
    return url
  }

  private static func repositoryFile(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(path)
  }

  /// Every published trusted and curated file's bytes, by path under the workspace.
  private static func zoneFiles(_ workspace: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for zone in ["trusted", "curated"] {
      let root = workspace.appendingPathComponent(zone)
      for table in try FileManager.default.contentsOfDirectory(atPath: root.path) {
        let folder = root.appendingPathComponent(table)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
          files["\(zone)/\(table)/\(name)"] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
      }
    }
    return files
  }

  @Test func everyFormCuratesIntoTheSameRows() throws {
    let directory = TemporaryDirectory()
    let keys = directory.path("keys")
    let policy = try Self.caseInsensitivePolicy(in: directory)
    let (logger, _) = TestLogging.make()
    var summaries: [LandingForm: RunSummary] = [:]
    var outputs: [LandingForm: [String: Data]] = [:]
    for form in LandingForm.allCases {
      var config = SynthConfig(customers: 120, seed: 21, defects: true, rowsPerFile: 1_500)
      config.form = form
      let landing = directory.path("landing-\(form.rawValue)")
      let truth = try Toolkit.generate(GenerateRequest(output: landing, config: config)).truth
      let workspace = directory.path("ws-\(form.rawValue)")
      let request = RunRequest(
        landing: landing, workspace: workspace,
        policyFile: form == .driftLowercaseKeys ? policy : nil, keysDirectory: keys)
      let summary = try Toolkit.run(request, logger: logger).summary
      if form != .driftLowercaseKeys {
        #expect(GroundTruthCheck.differences(summary, truth) == [], "\(form)")
      }
      summaries[form] = summary
      outputs[form] = try Self.zoneFiles(workspace)
    }
    let export = try #require(outputs[.export])
    #expect(export.count == 5)
    #expect(export.values.allSatisfy { !$0.isEmpty })
    for form in LandingForm.allCases where form != .export {
      #expect(outputs[form] == export, "\(form) published other rows than the export")
      #expect(summaries[form]?.tables == summaries[.export]?.tables, "\(form)")
    }

    // Every accepted customer row of the drifted forms has a numeric phone; every accepted
    // reading a float time; under lower-cased keys every accepted step row a folded serial key.
    let drift = try #require(summaries[.drift])
    let customers = try #require(drift.tables.first { $0.table == "customer_trusted" })
    let readings = try #require(drift.tables.first { $0.table == "accelerometer_trusted" })
    let steps = try #require(drift.tables.first { $0.table == "step_trainer_trusted" })
    func rows(_ summary: RunSummary, _ table: String, _ field: String, _ rule: String) -> Int64? {
      summary.coercions.first { $0.table == table && $0.field == field && $0.rule == rule }?.rows
    }
    #expect(rows(drift, "customer_landing", "phone", "number_as_string") == customers.rowsIn - customers.quarantinedTotal)
    #expect(rows(drift, "accelerometer_landing", "timestamp", "integral_float") == readings.rowsIn - readings.quarantinedTotal)
    #expect(rows(drift, "customer_landing", "phone", "key_case") == nil)
    let lower = try #require(summaries[.driftLowercaseKeys])
    #expect(rows(lower, "step_trainer_landing", "serialNumber", "key_case") == steps.rowsIn - steps.quarantinedTotal)
    #expect(rows(summaries[.export] ?? drift, "customer_landing", "phone", "number_as_string") == nil)
  }

  @Test func coercionsReachTheReport() throws {
    let directory = TemporaryDirectory()
    var config = SynthConfig(customers: 30, seed: 5, defects: false, rowsPerFile: 1_000)
    config.form = .drift
    let landing = directory.path("landing")
    _ = try Toolkit.generate(GenerateRequest(output: landing, config: config))
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    let summary = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, keysDirectory: directory.path("keys")),
      logger: logger
    ).summary
    #expect(!summary.coercions.isEmpty)
    let report = try Toolkit.report(ReportRequest(workspace: workspace))
    #expect(report.coercions == summary.coercions)
    let markdown = report.renderMarkdown()
    #expect(markdown.contains("## Type drift accepted"))
    #expect(markdown.contains("| customer_landing | `phone` | `number_as_string` |"))
    let html = report.renderHTML()
    #expect(html.contains(#"data-metric="coercions.0.rows""#))
    #expect(summary.renderText().contains("customer_landing.phone: number_as_string"))

    // The signed manifest commits to the same counts.
    let manifest = try #require(summary.manifest)
    let envelopeData = try Data(contentsOf: URL(fileURLWithPath: manifest))
    let envelope = try #require(try JSONSerialization.jsonObject(with: envelopeData) as? [String: Any])
    let encoded = try #require(envelope["payload"] as? String)
    let payload = try #require(Data(base64Encoded: encoded))
    let statement = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
    let predicate = try #require(statement["predicate"] as? [String: Any])
    let signed = try #require(predicate["coercions"] as? [[String: Any]])
    #expect(signed.count == summary.coercions.count)
    for (entry, coercion) in zip(signed, summary.coercions) {
      #expect(entry["field"] as? String == coercion.field && entry["rule"] as? String == coercion.rule)
      #expect((entry["rows"] as? NSNumber)?.int64Value == coercion.rows)
    }
  }
}
