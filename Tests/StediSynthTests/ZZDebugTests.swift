import Foundation
import StediSynth
import Testing

struct ZZDebugTests {
  @Test func dump() throws {
    let url = URL(fileURLWithPath: "/tmp/synth287")
    try? FileManager.default.removeItem(at: url)
    _ = try SyntheticDataGenerator(config: SynthConfig(customers: 20, readingsPerCustomer: 18, seed: 287, defects: true, rowsPerFile: 850))
      .write(to: url)
  }
}
