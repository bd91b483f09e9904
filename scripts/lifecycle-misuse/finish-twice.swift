// expect: 'settling' consumed more than once
// A second finish.
import StediZones

func misuse(_ settling: consuming AccelerometerSettling) throws {
  _ = try settling.finish()
  _ = try settling.finish()
}
