import StediCore

public import Foundation

/// Writes synthetic STEDI landing data of any size, shaped like the public export and with its
/// quirks, together with the ground truth of what each curation profile must make of it.
///
/// ```swift
/// let generator = SyntheticDataGenerator(config: SynthConfig(customers: 235_000, seed: 1))
/// let truth = try generator.write(to: URL(fileURLWithPath: "data"))
/// print(truth.counts(.strict, .machineLearningCurated)?.rowsOut ?? 0)
/// ```
///
/// The same configuration gives byte-identical files. Memory grows with the number of
/// customers, not of readings.
public struct SyntheticDataGenerator: Sendable {
  public let config: SynthConfig

  public init(config: SynthConfig) { self.config = config }

  /// Writes `<out>/customer/landing/*.json`, `<out>/accelerometer/landing/*.json`,
  /// `<out>/step_trainer/landing/*.json` and `<out>/ground-truth.json`; returns the ground
  /// truth.
  ///
  /// - Parameter progress: called from the writing thread as work advances.
  /// - Throws: `SynthError.invalidConfig`, `SynthError.outputNotEmpty` when a landing
  ///   directory already holds files, `SynthError.io` when a file cannot be written.
  /// - Warning: The data is synthetic but looks personal (names, emails); don't publish it as
  ///   real data.
  public func write(
    to out: URL, progress: (@Sendable (GenerationProgress) -> Void)? = nil
  ) throws -> GroundTruth {
    try config.validate()
    let directories = try prepare(out)
    let plan = SynthPlan(config: config)
    var tally = TruthTally(plan: plan)
    var generator = ReadingGenerator(plan: plan)
    progress?(
      GenerationProgress(
        phase: .planning, customersDone: 0, customersTotal: config.customers, bytesWritten: 0))
    var readingRows = (accelerometer: 0, step: 0)
    let reportEvery = max(1, plan.groups.count / 20)
    for group in plan.groups.indices {
      generator.generate(group: group)
      tally.observe(generator.accelerometer, group: group, plan: plan)
      readingRows.accelerometer += generator.accelerometer.count
      readingRows.step += generator.stepTrainer.count
      if let progress, group % reportEvery == reportEvery - 1 {
        progress(
          GenerationProgress(
            phase: .planning, customersDone: plan.groups[group].members.upperBound,
            customersTotal: config.customers, bytesWritten: 0))
      }
    }
    tally.curate(plan: plan)
    chooseSamples(plan: plan, tally: &tally)
    var run = GenerationRun(
      plan: plan, directories: directories, readingRows: readingRows, progress: progress)
    let customers = try run.writeCustomers()
    let (accelerometer, step) = try run.writeReadings(&generator, tally: &tally)
    let truth = GroundTruth(
      config: config,
      landing: [
        TableID.customerLanding.rawValue: customers,
        TableID.accelerometerLanding.rawValue: accelerometer,
        TableID.stepTrainerLanding.rawValue: step,
      ],
      profiles: profiles(tally), planted: run.planted, samples: tally.samples)
    let truthURL = out.appendingPathComponent("ground-truth.json")
    do {
      try truth.jsonData().write(to: truthURL)
    } catch {
      throw SynthError.io(path: truthURL.path, detail: "cannot write the ground truth")
    }
    progress?(
      GenerationProgress(
        phase: .done, customersDone: config.customers, customersTotal: config.customers,
        bytesWritten: Int64(customers.bytes + accelerometer.bytes + step.bytes)))
    return truth
  }

  /// Creates the three landing directories; refuses any that already holds files.
  private func prepare(_ out: URL) throws(SynthError) -> [URL] {
    let files = FileManager()
    var directories: [URL] = []
    for table in TableID.landings {
      let directory = out.appendingPathComponent(table.sourceName)
        .appendingPathComponent("landing")
      do {
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
      } catch {
        throw .io(path: directory.path, detail: "cannot create directory")
      }
      let entries = (try? files.contentsOfDirectory(atPath: directory.path)) ?? []
      guard entries.isEmpty else { throw .outputNotEmpty(path: directory.path) }
      directories.append(directory)
    }
    return directories
  }

  private func profiles(_ tally: TruthTally) -> [String: ExpectedProfile] {
    let status = tally.status
    let strictCustomers = status.strictCustomers.expected()
    let rubricCustomers = status.rubricCustomers.expected()
    let strictAccelerometer = tally.strictAccelerometer.expected()
    let strictStep = tally.strictStep.expected()
    let rubricAccelerometer = tally.rubricAccelerometer.expected()
    let rubricStep = tally.rubricStep.expected()
    let strict = ExpectedProfile(
      tables: [
        TableID.customerTrusted.rawValue: strictCustomers,
        TableID.accelerometerTrusted.rawValue: strictAccelerometer,
        TableID.stepTrainerTrusted.rawValue: strictStep,
        TableID.customerCurated.rawValue: tally.strictCurated.expected(),
        TableID.machineLearningCurated.rawValue: Self.joined(
          step: strictStep, accelerometer: strictAccelerometer, joined: tally.strictJoined,
          pairs: tally.strictPairs),
      ], crossCustomerPairs: nil)
    let rubric = ExpectedProfile(
      tables: [
        TableID.customerTrusted.rawValue: rubricCustomers,
        TableID.accelerometerTrusted.rawValue: rubricAccelerometer,
        TableID.stepTrainerTrusted.rawValue: rubricStep,
        TableID.customerCurated.rawValue: tally.rubricCurated.expected(),
        TableID.machineLearningCurated.rawValue: Self.joined(
          step: rubricStep, accelerometer: rubricAccelerometer, joined: tally.rubricJoined,
          pairs: tally.rubricPairs),
      ], crossCustomerPairs: tally.crossCustomerPairs)
    return [SynthProfile.strict.rawValue: strict, SynthProfile.udacityRubric.rawValue: rubric]
  }

  private static func joined(
    step: ExpectedTableCounts, accelerometer: ExpectedTableCounts, joined: Int, pairs: Int
  ) -> ExpectedTableCounts {
    let rowsIn = step.admitted + accelerometer.admitted
    let unmatched = rowsIn - joined
    return ExpectedTableCounts(
      rowsIn: rowsIn, admitted: joined,
      excluded: unmatched > 0 ? [ReasonCode.noMatch.rawValue: unmatched] : [:], quarantined: [:],
      rowsOut: pairs)
  }
}
