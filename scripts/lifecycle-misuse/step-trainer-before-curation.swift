// expect: cannot convert value of type 'GuardedLayer.LandingRow<StepTrainerReading>' to expected argument type 'GuardedLayer.LandingRow<AccelerometerReading>'
// Accelerometer-first order: a step-trainer reading before the customers were curated.
import StediCore
import StediZones

func misuse(_ readings: borrowing AccelerometerIntake, _ row: GuardedLayer.LandingRow<StepTrainerReading>) throws {
  _ = try readings.submit(row)
}
