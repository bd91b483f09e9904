public import Foundation
public import StediAuditLog
public import StediCore
public import StediKeys
public import StediPolicy

/// The only way to write trusted, curated and quarantine tables, one phase at a time.
///
/// For every row it is handed, the layer (1) asks the policy engine for a decision, (2) writes
/// the row only if the engine admitted it, and (3) records the movement — source file and line,
/// destination, reason, row digest and the customer's keyed pseudonym — in the audit log.
/// Its writers are internal to this module and accept only `Admitted` rows, which only the
/// policy engine can make: curation jobs can't bypass it.
///
/// A run's order is in the types. The layer and each of its phases are non-copyable values;
/// each phase offers only the calls that are right at that point, and moving on consumes it:
///
/// ```swift
/// var layer = try GuardedLayer(...)              // landing files: registerLanding, quarantine
/// switch try layer.submitCustomers(rows) {       // consumes the layer
/// case .stepTrainerFirst(let steps):             // step trainer, accelerometer, curate
///   // steps.submit(step)…
///   let join = steps.finishStepTrainer()         // join.submit(accelerometer), pair, settle(accelerometer)
///   let settling = try join.finishAccelerometer().curate()  // settling.settle(step)…
///   let result = try settling.finish()
/// case .accelerometerFirst(let readings):        // accelerometer, curate, step trainer
///   // readings.submit(accelerometer)…
///   let join = try readings.finishAccelerometer().curate()  // join.submit(step), pair, settle(step)
///   let settling = join.finishStepTrainer()      // settling.settle(accelerometer)…
///   let result = try settling.finish()
/// }
/// ```
///
/// So readings before customers, curation before the last accelerometer reading, step-trainer
/// readings before curation where the policy needs curated customers, a customer row settled as
/// a reading, or a second `finish` do not compile. The policy picks the order
/// (`ReadingOrder`). What the types can't see, every trusted reading settled once, `finish`
/// checks: `ZoneError.notConserved`.
public struct GuardedLayer: ~Copyable, LandingIntake {
  let core: GuardedLayerCore

  /// Opens the writers of every output and quarantine table under `runDirectory`, and the run's
  /// writer of the audit log (which owns the log's connection until the layer is finished or
  /// dropped).
  ///
  /// - Throws: `ZoneError` or `AuditLogError` if a file or the audit log can't be written.
  /// `withdrawn` holds the pseudonyms (under `pseudonymizer`'s key) of customers who withdrew
  /// consent: none of their rows is admitted. `format` is the trusted and curated tables' file
  /// format.
  public init(
    runDirectory: URL, policy: Policy, pseudonymizer: Pseudonymizer, audit: AuditLog, run: Int64,
    withdrawn: Set<String> = [], format: OutputFormat = .jsonl, faults: WriteFaults? = nil
  ) throws {
    guard format.isAvailable else { throw ZoneError.misuse("Parquet output in a build without Parquet") }
    core = try GuardedLayerCore(
      runDirectory: runDirectory, policy: policy, pseudonymizer: pseudonymizer, audit: audit,
      run: run, withdrawn: withdrawn, format: format, faults: faults)
  }

  public var landing: LandingFiles { LandingFiles(core: core) }

  /// Decides and writes every customer landing row (the policy resolves customers as a whole)
  /// and keeps the `customer_trusted` rows for curation; returns the readings' phase in the
  /// order the policy needs.
  public consuming func submitCustomers(_ rows: [LandingRow<CustomerRecord>]) throws -> ReadingOrder {
    try submitCustomers(CustomerRows(rows))
  }

  /// `submitCustomers`, with the rows gathered as `CustomerRows` (what a job reading large
  /// customer tables hands over: no second copy of every record).
  public consuming func submitCustomers(_ rows: consuming CustomerRows) throws -> ReadingOrder {
    let trusted = try core.submitCustomers(rows)
    // Curation must come before whichever reading table the plan puts after customer_curated:
    // step_trainer_trusted (step_trainer_requires_curated_customer) or the machine-learning join
    // (a time-only join tells a customer's own pairs by the curated serial).
    let plan = DecisionPlan(compiling: core.policy)
    let curatedFirst = [TableID.stepTrainerTrusted, .machineLearningCurated].contains {
      plan.table($0)?.after.contains(.customerCurated) == true
    }
    if curatedFirst {
      return .accelerometerFirst(AccelerometerIntake(core: core, trustedCustomers: trusted))
    }
    return .stepTrainerFirst(StepTrainerIntake(core: core, trustedCustomers: trusted))
  }
}
