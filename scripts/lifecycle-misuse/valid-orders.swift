// expect: compiles
// Both orders, written out: the control case (the module and its flags are right).
import StediCore
import StediZones

func strict(_ steps: consuming StepTrainerIntake, _ step: TrustedRow<StepTrainerReading>) throws -> GuardedLayer.Result {
  let join = steps.finishStepTrainer()
  let settling = try join.finishAccelerometer().curate()
  try settling.settle(step)
  return try settling.finish()
}

func course(_ readings: consuming AccelerometerIntake, _ row: TrustedRow<AccelerometerReading>) throws -> GuardedLayer.Result {
  let join = try readings.finishAccelerometer().curate()
  let settling = join.finishStepTrainer()
  try settling.settle(row)
  return try settling.finish()
}

func start(_ layer: consuming GuardedLayer, _ customers: [GuardedLayer.LandingRow<CustomerRecord>], _ step: TrustedRow<StepTrainerReading>, _ row: TrustedRow<AccelerometerReading>) throws -> GuardedLayer.Result {
  switch try layer.submitCustomers(customers) {
  case .stepTrainerFirst(let steps): return try strict(steps, step)
  case .accelerometerFirst(let readings): return try course(readings, row)
  }
}
