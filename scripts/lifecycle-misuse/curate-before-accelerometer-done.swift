// expect: value of type 'AccelerometerIntake' has no member 'curate'
// Curation while accelerometer readings may still come.
import StediZones

func misuse(_ readings: consuming AccelerometerIntake) throws {
  _ = try readings.curate()
}
