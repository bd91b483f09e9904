/// The order of the reading tables a policy needs, with the first phase of that order.
///
/// When the decision plan puts a reading table after `customer_curated` (the step trainer under
/// `step_trainer_requires_curated_customer`; the machine-learning join under `time_only`, whose
/// cross-customer pairs are told by the curated serial), and curation depends on every
/// accelerometer reading: accelerometer, curation, then step trainer. Otherwise step trainer,
/// accelerometer, then curation.
public enum ReadingOrder: ~Copyable {
  /// Step trainer, accelerometer (joined), curation, then the step-trainer rows settled.
  case stepTrainerFirst(StepTrainerIntake)
  /// Accelerometer, curation, step trainer (joined), then the accelerometer rows settled.
  case accelerometerFirst(AccelerometerIntake)
}
