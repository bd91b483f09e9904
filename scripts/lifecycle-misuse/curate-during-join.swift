// expect: value of type 'AccelerometerJoin' has no member 'curate'
// Strict order: curation in the middle of the accelerometer join.
import StediZones

func misuse(_ join: consuming AccelerometerJoin) throws {
  _ = try join.curate()
}
