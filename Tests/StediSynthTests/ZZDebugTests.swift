import Foundation
import StediSynth
import Testing

struct ZZDebugTests {
  @Test func dump() throws {
    let url = URL(fileURLWithPath: "/tmp/synth50")
    try? FileManager.default.removeItem(at: url)
    _ = try SyntheticDataGenerator(config: SynthConfig(customers: 50, seed: 42, defects: true))
      .write(to: url)
  }
}
