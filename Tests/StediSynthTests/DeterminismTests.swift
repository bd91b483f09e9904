import Foundation
import StediAuditTestSupport
import StediSynth
import Testing

/// The same configuration gives byte-identical files; another seed gives other files.
struct DeterminismTests {
  @Test(arguments: [false, true])
  func sameConfigSameBytes(defects: Bool) throws {
    let config = SynthConfig(customers: 120, seed: 11, defects: defects, rowsPerFile: 3_000)
    let first = try GeneratedData(config)
    defer { first.remove() }
    let second = try GeneratedData(config)
    defer { second.remove() }
    let firstFiles = try first.allFiles()
    #expect(firstFiles.count > 4)
    #expect(firstFiles == (try second.allFiles()))
    #expect(first.truth == second.truth)
  }

  @Test func otherSeedOtherBytes() throws {
    let first = try GeneratedData(SynthConfig(customers: 40, seed: 1, defects: true))
    defer { first.remove() }
    let second = try GeneratedData(SynthConfig(customers: 40, seed: 2, defects: true))
    defer { second.remove() }
    let firstFiles = try first.allFiles()
    let secondFiles = try second.allFiles()
    for name in ["customer/customer-0001.json", "accelerometer/accelerometer-0001.json"] {
      #expect(firstFiles[name] != nil)
      #expect(firstFiles[name] != secondFiles[name], "\(name)")
    }
  }

  @Test func groundTruthFileIsTheReturnedTruth() throws {
    let data = try GeneratedData(SynthConfig(customers: 25, seed: 3, defects: true))
    defer { data.remove() }
    let file = try Data(
      contentsOf: data.directory.url.appendingPathComponent("ground-truth.json"))
    #expect(try GroundTruth.decode(file) == data.truth)
    #expect(file == (try data.truth.jsonData()))
    let text = String(decoding: file, as: UTF8.self)
    #expect(text.contains("\"crossCustomerPairs\""))
    #expect(text.contains("\"udacity-rubric\""))
  }
}
