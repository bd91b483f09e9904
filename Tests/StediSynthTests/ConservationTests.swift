import Foundation
import StediAuditTestSupport
import StediCore
import StediSynth
import Testing

/// The ground truth's counts add up, and its landing counts are what the files hold.
struct ConservationTests {
  @Test(arguments: [
    SynthConfig(customers: 300, seed: 21, defects: true, rowsPerFile: 5_000),
    SynthConfig(customers: 300, readingsPerCustomer: 40, seed: 22, defects: false),
  ])
  func countsAddUp(_ config: SynthConfig) throws {
    let data = try GeneratedData(config)
    defer { data.remove() }
    let truth = data.truth
    for profile in SynthProfile.allCases {
      let counts = try #require(truth.profiles[profile.rawValue])
      #expect(Set(counts.tables.keys) == Set(TableID.outputs.map(\.rawValue)))
      for table in TableID.outputs {
        let table = try #require(counts[table])
        #expect(table.isConserved, "\(profile) \(table)")
        #expect(!table.excluded.values.contains(0) && !table.quarantined.values.contains(0))
      }
      let landing = { (table: TableID) in truth.landing(table)?.rows ?? -1 }
      let trusted = { (table: TableID) in counts[table]?.admitted ?? -1 }
      #expect(counts[.customerTrusted]?.rowsIn == landing(.customerLanding))
      #expect(counts[.accelerometerTrusted]?.rowsIn == landing(.accelerometerLanding))
      #expect(counts[.stepTrainerTrusted]?.rowsIn == landing(.stepTrainerLanding))
      #expect(counts[.customerCurated]?.rowsIn == trusted(.customerTrusted))
      #expect(
        counts[.machineLearningCurated]?.rowsIn
          == trusted(.accelerometerTrusted) + trusted(.stepTrainerTrusted))
      for table in TableID.outputs where table != .machineLearningCurated {
        #expect(counts[table]?.rowsOut == counts[table]?.admitted)
      }
      #expect(counts[.machineLearningCurated]?.quarantined.isEmpty == true)
    }
    let strictPairs = truth.counts(.strict, .machineLearningCurated)?.rowsOut ?? 0
    let rubric = try #require(truth.profiles[SynthProfile.udacityRubric.rawValue])
    #expect(strictPairs > 0)
    #expect((rubric.crossCustomerPairs ?? 0) > 0)
    #expect((rubric.crossCustomerPairs ?? 0) <= rubric[.machineLearningCurated]?.rowsOut ?? 0)
  }

  @Test func landingCountsAreTheFiles() throws {
    let config = SynthConfig(customers: 150, seed: 23, defects: true, rowsPerFile: 2_000)
    let data = try GeneratedData(config)
    defer { data.remove() }
    for table in TableID.landings {
      let files = try data.files(table)
      let truth = try #require(data.truth.landing(table))
      #expect(truth.files == files.files)
      #expect(truth.rows == files.rows.count)
      #expect(truth.blankLines == files.blankLines)
      #expect(truth.bytes == files.bytes)
      let names = try FileManager.default.contentsOfDirectory(atPath: data.table(table).path)
      #expect(names.allSatisfy { $0.hasPrefix(table.sourceName + "-") && $0.hasSuffix(".json") })
    }
    // Files hold at most rowsPerFile rows each (blank lines aside).
    let accelerometer = data.table(.accelerometerLanding)
    let names = try FileManager.default.contentsOfDirectory(atPath: accelerometer.path)
    #expect(names.count > 1, "the table spans several files")
    for name in names {
      let bytes = try Data(contentsOf: accelerometer.appendingPathComponent(name))
      let rows = bytes.split(separator: 0x0A).filter { $0.contains(UInt8(ascii: "{")) }
      #expect(rows.count <= config.rowsPerFile)
    }
  }

  @Test func readingsPerCustomerIsTheMean() throws {
    let data = try GeneratedData(SynthConfig(customers: 400, seed: 24))
    defer { data.remove() }
    let rows = try #require(data.truth.landing(.accelerometerLanding)?.rows)
    let steps = try #require(data.truth.landing(.stepTrainerLanding)?.rows)
    #expect(abs(Double(rows) / 400 - 85) < 8)
    #expect(abs(Double(steps) / Double(rows) - 0.35) < 0.05)
  }

  @Test func refusesAFullDirectoryAndBadConfigs() throws {
    let data = try GeneratedData(SynthConfig(customers: 5, seed: 25))
    defer { data.remove() }
    let generator = SyntheticDataGenerator(config: SynthConfig(customers: 5, seed: 25))
    #expect(throws: SynthError.self) { try generator.write(to: data.directory.url) }
    let bad = SyntheticDataGenerator(config: SynthConfig(customers: 0))
    let invalid = SynthError.invalidConfig(
      field: "customers", detail: "must be between 1 and 50000000")
    #expect(throws: invalid) {
      try bad.write(to: data.directory.url.appendingPathComponent("other"))
    }
  }

  @Test func progressNeverGoesBack() throws {
    let directory = TemporaryDirectory("stedi-synth-tests")
    defer { directory.remove() }
    let seen = ProgressLog()
    _ = try SyntheticDataGenerator(config: SynthConfig(customers: 500, readingsPerCustomer: 10))
      .write(to: directory.url) { seen.append($0.fraction) }
    let fractions = seen.values
    #expect(fractions.count > 10)
    #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(fractions.last == 1)
  }
}
