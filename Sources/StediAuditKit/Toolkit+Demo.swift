public import Foundation
public import Logging
import StediAuditLog
import StediCore
import StediSynth
import StediZones

/// What `stedi-audit demo` asks for.
public struct DemoRequest: Sendable {
  public var directory: URL
  public var customers: Int
  public var seed: UInt64

  public init(directory: URL, customers: Int = 2_000, seed: UInt64 = 7) {
    self.directory = directory
    self.customers = customers
    self.seed = seed
  }

  public var landing: URL { directory.appendingPathComponent("landing") }
  public var workspace: URL { directory.appendingPathComponent("workspace") }
  /// The demo's own key folder: inside the demo directory (which is self-contained), beside
  /// the workspace, never inside it.
  public var keys: URL { directory.appendingPathComponent("keys") }
}

/// The result of `demo`.
public struct DemoOutcome: Sendable {
  public var generated: Bool
  public var landingRows: [String: Int]
  public var runs: [RunOutcome]
  /// Differences from the planted ground truth, per profile (empty lists: exact match).
  public var truthDifferences: [String: [String]]
  /// `verify` of the workspace after both runs.
  public var verification: VerificationReport
  /// The compliance report of the published (strict) run, as Markdown and HTML files.
  public var reportMarkdown: URL
  public var reportHTML: URL
}

extension Toolkit {
  /// `stedi-audit demo`: generates synthetic data with defects (or reuses it), runs both
  /// profiles into one workspace (strict last, so strict outputs are published), and checks
  /// every count against the planted ground truth, then verifies the workspace.
  public static func demo(
    _ request: DemoRequest, logger: Logger, progress: (@Sendable (RunProgress) -> Void)? = nil
  ) throws -> DemoOutcome {
    try PathCheck.outputDirectory(request.directory, "demo directory")
    let truthFile = request.landing.appendingPathComponent("ground-truth.json")
    let truth: GroundTruth
    var generated = false
    if let data = try? Data(contentsOf: truthFile), let existing = try? GroundTruth.decode(data),
      existing.config.customers == request.customers, existing.config.seed == request.seed
    {
      truth = existing
    } else {
      if FileManager.default.fileExists(atPath: request.landing.path) {
        try FileManager.default.removeItem(at: request.landing)
      }
      let config = SynthConfig(customers: request.customers, seed: request.seed, defects: true)
      truth = try generate(GenerateRequest(output: request.landing, config: config)).truth
      generated = true
    }
    var runs: [RunOutcome] = []
    var differences: [String: [String]] = [:]
    for profile in ["udacity-rubric", "strict"] {
      let outcome = try run(
        RunRequest(
          landing: request.landing, workspace: request.workspace, profile: profile,
          keysDirectory: request.keys, keepRuns: 2),
        logger: logger, progress: progress)
      differences[profile] = GroundTruthCheck.differences(outcome.summary, truth)
      runs.append(outcome)
    }
    // Pinned: the demo's own key folder is the producer's copy of the public key.
    let verification = try verify(VerifyRequest(
      workspace: request.workspace, publicKey: request.keys.appendingPathComponent("signing.pub.pem")))
    let workspace = Workspace(root: request.workspace)
    let report = try ReportBuilder(workspace: workspace, audit: try AuditLog(readingFrom: workspace.auditLogURL), clock: .system)
      .build(runID: nil, verification: verification)
    let markdown = request.directory.appendingPathComponent("report.md")
    let html = request.directory.appendingPathComponent("report.html")
    try Data(report.renderMarkdown().utf8).write(to: markdown, options: .atomic)
    try Data(report.renderHTML().utf8).write(to: html, options: .atomic)
    return DemoOutcome(
      generated: generated, landingRows: truth.landing.mapValues(\.rows), runs: runs,
      truthDifferences: differences, verification: verification, reportMarkdown: markdown, reportHTML: html)
  }
}
