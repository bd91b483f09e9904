// expect: value of type 'GuardedLayer' has no member 'submit'
// A reading submitted before the customers were resolved.
import StediCore
import StediZones

func misuse(_ layer: borrowing GuardedLayer, _ row: GuardedLayer.LandingRow<AccelerometerReading>) throws {
  _ = try layer.submit(row)
}
