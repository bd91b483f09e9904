/// The order of the reading tables a policy needs, with the first phase of that order.
///
/// Under `step_trainer_requires_curated_customer` a step-trainer reading's decision depends on
/// `customer_curated`, which depends on every accelerometer reading: accelerometer, curation,
/// then step trainer. Otherwise step trainer, accelerometer, then curation.
public enum ReadingOrder: ~Copyable {
  /// Step trainer, accelerometer (joined), curation, then the step-trainer rows settled.
  case stepTrainerFirst(StepTrainerIntake)
  /// Accelerometer, curation, step trainer (joined), then the accelerometer rows settled.
  case accelerometerFirst(AccelerometerIntake)
}
