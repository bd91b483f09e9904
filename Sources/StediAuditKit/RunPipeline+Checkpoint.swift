import StediCuration

extension RunPipeline {
  /// Where a run (or `withdraw`, or `prune`) can be interrupted on purpose, by phase: the
  /// crash-safety tests stop it at each (by an error, or by SIGKILL through the CLI's
  /// `STEDI_AUDIT_CRASH_AT`) and check that nothing published is lost.
  public enum Checkpoint: String, Sendable, CaseIterable {
    // start
    /// The lock is held and interrupted earlier runs were settled.
    case afterReconcile = "after-reconcile"
    /// The run's row and `run_started` event are in the audit log.
    case afterBeginRun = "after-begin-run"
    // parsing and deciding
    case duringCustomers = "during-customers"
    case customersResolved = "customers-resolved"
    case duringAccelerometer = "during-accelerometer"
    /// Between the two reading tables.
    case duringReadings = "during-readings"
    case duringStepTrainer = "during-step-trainer"
    // lineage
    /// Every row decided; output files not yet synced, last movements not committed.
    case afterCuration = "after-curation"
    // Merkle
    /// Files synced, movements committed, Merkle root computed.
    case afterLineage = "after-lineage"
    /// Counts stored, run `committed`.
    case afterCounts = "after-counts"
    /// Commitment stored and the `run_committed` event appended.
    case afterCommitment = "after-commitment"
    // signing
    /// The manifest file is written, its digest not yet recorded.
    case afterManifestWritten = "after-manifest-written"
    /// The manifest is recorded (`manifest_signed`); nothing is published yet.
    case beforePublish = "before-publish"
    // publish
    /// `current` names the new run; its status is still `committed`.
    case afterPublish = "after-publish"
    case afterPublishedStatus = "after-published-status"
    case afterPublishedEvent = "after-published-event"
    // prune
    /// One old run directory was removed.
    case duringPrune = "during-prune"
    case afterPrune = "after-prune"
    // withdraw
    case withdrawBeforeRecord = "withdraw-before-record"
    /// The withdrawal is recorded; the re-curation has not started.
    case withdrawAfterRecord = "withdraw-after-record"
    /// The re-curation published; the trace after it is not yet made.
    case withdrawAfterRun = "withdraw-after-run"
    // prune command
    /// `prune`: directories removed, movements of pruned runs not yet dropped.
    case pruneAfterDirectories = "prune-after-directories"
    /// `prune`: one pruned run's movements dropped.
    case pruneDuringRows = "prune-during-rows"

    init(_ phase: CurationPhase) {
      switch phase {
      case .duringCustomers: self = .duringCustomers
      case .customersResolved: self = .customersResolved
      case .duringAccelerometer: self = .duringAccelerometer
      case .betweenReadings: self = .duringReadings
      case .duringStepTrainer: self = .duringStepTrainer
      case .settled: self = .afterCuration
      }
    }

    /// The checkpoints of a plain `run` at which the run is recorded in the audit log but
    /// nothing new is published yet.
    public static var beforePublishing: [Checkpoint] {
      Array(ofRun.drop { $0 != .afterBeginRun }.prefix { $0 != .afterPublish })
    }

    /// The checkpoints a plain `run` passes (not `withdraw`'s or `prune`'s own).
    public static var ofRun: [Checkpoint] {
      allCases.filter { !$0.rawValue.hasPrefix("withdraw-") && !$0.rawValue.hasPrefix("prune-") }
    }
  }
}
