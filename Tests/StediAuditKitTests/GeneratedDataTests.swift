import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import StediSynth
import Testing

/// End to end on generated data of several scales, with and without defects: every count equals
/// the ground truth the generator planted, the workspace verifies, and no planted identity
/// reaches the audit log.
struct GeneratedDataTests {
  struct Scale: Sendable, CustomTestStringConvertible {
    var customers: Int
    var defects: Bool
    var seed: UInt64
    var testDescription: String { "\(customers) customers\(defects ? " with defects" : ""), seed \(seed)" }
  }

  static let scales = [
    Scale(customers: 40, defects: true, seed: 11),
    Scale(customers: 150, defects: false, seed: 12),
    Scale(customers: 600, defects: true, seed: 13),
  ]

  @Test(arguments: scales)
  func runsMatchTheGroundTruthAndVerify(_ scale: Scale) throws {
    let directory = TemporaryDirectory()
    let landing = directory.path("landing")
    let generated = try Toolkit.generate(GenerateRequest(
      output: landing,
      config: SynthConfig(customers: scale.customers, seed: scale.seed, defects: scale.defects, rowsPerFile: 2_000)))
    let (logger, logs) = TestLogging.make()
    let workspace = directory.path("ws")
    for profile in ["udacity-rubric", "strict"] {
      let summary = try Toolkit.run(RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: directory.path("keys")), logger: logger).summary
      #expect(GroundTruthCheck.differences(summary, generated.truth) == [], "\(profile)")
      #expect(summary.isConserved)
    }
    let report = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(report.passed, "\(report.renderText())")

    let emails = generated.truth.samples.map(\.email)
    #expect(!emails.isEmpty)
    let database = PlaintextScan.bytes(of: workspace.appendingPathComponent("audit"), prefix: "audit.sqlite")
    #expect(PlaintextScan.occurrences(of: emails, in: database) == [])
    #expect(PlaintextScan.occurrences(of: emails, in: Data(TestLogging.text(of: logs).utf8)) == [])
    let curated = try Data(contentsOf: workspace.appendingPathComponent("curated/machine_learning_curated/part-00000.jsonl"))
    #expect(PlaintextScan.occurrences(of: emails + ["@test.com"], in: curated) == [])
  }
}
