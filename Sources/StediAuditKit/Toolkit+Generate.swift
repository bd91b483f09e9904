public import Foundation
public import StediSynth

/// What `stedi-audit generate` asks for.
public struct GenerateRequest: Sendable {
  public var output: URL
  public var config: SynthConfig

  public init(output: URL, config: SynthConfig) {
    self.output = output
    self.config = config
  }

  /// A request from plain values (what the CLI has).
  ///
  /// - Throws: `ToolkitError.usage` if `form` is not one of ``landingForms``.
  public init(
    output: URL, customers: Int, readingsPerCustomer: Int, seed: UInt64, defects: Bool, rowsPerFile: Int,
    form: String = LandingForm.export.rawValue
  ) throws(ToolkitError) {
    guard let landingForm = LandingForm(rawValue: form) else {
      throw .usage("--form: expected one of \(Self.landingForms.joined(separator: ", "))")
    }
    var config = SynthConfig(
      customers: customers, readingsPerCustomer: readingsPerCustomer, seed: seed, defects: defects,
      rowsPerFile: rowsPerFile)
    config.form = landingForm
    self.init(output: output, config: config)
  }

  /// The forms `generate` can spell its data in (`export`, `drift`, `drift-lowercase-keys`).
  public static var landingForms: [String] { LandingForm.allCases.map(\.rawValue) }
}

/// The result of `generate`.
public struct GenerateOutcome: Sendable {
  public var truth: GroundTruth
  public var groundTruthFile: URL
  /// Landing rows written, per landing table.
  public var rows: [String: Int]
  public var bytes: Int64
}

extension Toolkit {
  /// `stedi-audit generate`: deterministic synthetic STEDI landing data and its ground truth.
  public static func generate(
    _ request: GenerateRequest, progress: (@Sendable (Double) -> Void)? = nil
  ) throws -> GenerateOutcome {
    try PathCheck.outputDirectory(request.output, "output directory")
    let truth = try SyntheticDataGenerator(config: request.config).write(to: request.output) { event in
      progress?(event.fraction)
    }
    let rows = truth.landing.mapValues(\.rows)
    let bytes = truth.landing.values.reduce(Int64(0)) { $0 + Int64($1.bytes) }
    return GenerateOutcome(
      truth: truth, groundTruthFile: request.output.appendingPathComponent("ground-truth.json"),
      rows: rows, bytes: bytes)
  }
}
