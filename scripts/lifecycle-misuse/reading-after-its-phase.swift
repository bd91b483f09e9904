// expect: 'readings' used after consume
// An accelerometer reading after the accelerometer phase ended.
import StediCore
import StediZones

func misuse(_ readings: consuming AccelerometerIntake, _ row: GuardedLayer.LandingRow<AccelerometerReading>) throws {
  let curation = readings.finishAccelerometer()
  _ = try readings.submit(row)
  _ = try curation.curate()
}
