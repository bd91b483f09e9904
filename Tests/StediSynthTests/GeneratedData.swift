import Foundation
import StediAuditTestSupport
import StediCore
import StediSynth

/// One generation in a temporary directory, read back.
struct GeneratedData {
  let directory: TemporaryDirectory
  let truth: GroundTruth

  init(_ config: SynthConfig) throws {
    directory = TemporaryDirectory("stedi-synth-tests")
    truth = try SyntheticDataGenerator(config: config).write(to: directory.url)
  }

  func table(_ table: TableID) -> URL {
    directory.url.appendingPathComponent(table.sourceName).appendingPathComponent("landing")
  }

  func files(_ table: TableID) throws -> LandingFiles { try LandingFiles(table: self.table(table)) }

  /// Every file under the output, by relative path.
  func allFiles() throws -> [String: Data] {
    var result: [String: Data] = [:]
    let root = directory.url
    for table in TableID.landings {
      for name in try FileManager.default.contentsOfDirectory(atPath: self.table(table).path) {
        let url = self.table(table).appendingPathComponent(name)
        result[table.sourceName + "/" + name] = try Data(contentsOf: url)
      }
    }
    result["ground-truth.json"] = try Data(
      contentsOf: root.appendingPathComponent("ground-truth.json"))
    return result
  }

  func remove() { directory.remove() }
}
