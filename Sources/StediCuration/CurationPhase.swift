/// Points of a curation job where a test may interrupt it (see `CurationJob.phase`).
public enum CurationPhase: String, Sendable, CaseIterable {
  /// After the first batch of customer rows was read (before they are resolved).
  case duringCustomers = "during-customers"
  /// After the customers were resolved, before any reading.
  case customersResolved = "customers-resolved"
  /// After the first batch of accelerometer rows.
  case duringAccelerometer = "during-accelerometer"
  /// After the first reading table was read and indexed.
  case betweenReadings = "during-readings"
  /// After the first batch of step-trainer rows.
  case duringStepTrainer = "during-step-trainer"
  /// After every row was settled, before the layer is finished.
  case settled = "after-curation"
}
