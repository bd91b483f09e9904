import Foundation
import StediCore
import StediSynth
import Testing

/// The generator's ground truth must equal what a plain reference implementation of
/// `docs/semantics.md` computes from the files it wrote.
struct OracleTests {
  static let configs: [SynthConfig] = [
    SynthConfig(customers: 30, seed: 1, defects: false),
    SynthConfig(customers: 30, seed: 2, defects: true),
    SynthConfig(customers: 200, seed: 3, defects: false),
    SynthConfig(customers: 200, seed: 4, defects: true),
    SynthConfig(customers: 200, seed: 5, defects: true, rowsPerFile: 997),
    SynthConfig(customers: 50, readingsPerCustomer: 4, seed: 6, defects: true),
    SynthConfig(customers: 3, readingsPerCustomer: 10, seed: 7, defects: true),
    SynthConfig(customers: 1, readingsPerCustomer: 0, seed: 8, defects: true),
    SynthConfig(customers: 600, readingsPerCustomer: 20, seed: 9, defects: true),
  ]

  /// More sizes and seeds, with and without defects.
  static let sweep: [SynthConfig] = (0..<24).map { index in
    let seed = UInt64(1_000 + index)
    let customers = 20 + (index % 6) * 37
    let readings = 10 + (index % 4) * 25
    let rowsPerFile = 300 + (index % 3) * 5_000
    return SynthConfig(
      customers: customers, readingsPerCustomer: readings, seed: seed, defects: index % 4 != 0,
      rowsPerFile: rowsPerFile)
  }

  @Test(arguments: configs + sweep)
  func groundTruthMatchesReference(_ config: SynthConfig) throws {
    let data = try GeneratedData(config)
    defer { data.remove() }
    let customerFiles = try data.files(.customerLanding)
    let readingFiles = try data.files(.accelerometerLanding)
    let stepFiles = try data.files(.stepTrainerLanding)
    let customers = customerFiles.rows.map { ReferenceRow($0, ReferenceCustomer.init) }
    let readings = readingFiles.rows.map { ReferenceRow($0, ReferenceReading.init) }
    let steps = stepFiles.rows.map { ReferenceRow($0, ReferenceStep.init) }
    let strict = StrictReference(customers: customers, readings: readings, steps: steps)
    let rubric = RubricReference(customers: customers, readings: readings, steps: steps)

    let landing: [(TableID, LandingFiles)] = [
      (.customerLanding, customerFiles), (.accelerometerLanding, readingFiles),
      (.stepTrainerLanding, stepFiles),
    ]
    for (table, files) in landing {
      #expect(
        data.truth.landing(table)
          == LandingTruth(
            files: files.files, rows: files.rows.count, blankLines: files.blankLines,
            bytes: files.bytes), "\(table)")
    }
    let strictTables: [(TableID, ReferenceTable)] = [
      (.customerTrusted, strict.customerTrusted),
      (.accelerometerTrusted, strict.accelerometerTrusted),
      (.stepTrainerTrusted, strict.stepTrainerTrusted), (.customerCurated, strict.customerCurated),
      (.machineLearningCurated, strict.machineLearningCurated),
    ]
    for (table, reference) in strictTables {
      #expect(data.truth.counts(.strict, table) == reference.expected, "strict \(table)")
    }
    let rubricTables: [(TableID, ReferenceTable)] = [
      (.customerTrusted, rubric.customerTrusted),
      (.accelerometerTrusted, rubric.accelerometerTrusted),
      (.stepTrainerTrusted, rubric.stepTrainerTrusted), (.customerCurated, rubric.customerCurated),
      (.machineLearningCurated, rubric.machineLearningCurated),
    ]
    for (table, reference) in rubricTables {
      #expect(data.truth.counts(.udacityRubric, table) == reference.expected, "rubric \(table)")
    }
    #expect(
      data.truth.profiles[SynthProfile.udacityRubric.rawValue]?.crossCustomerPairs
        == rubric.crossCustomerPairs)
    #expect(data.truth.profiles[SynthProfile.strict.rawValue]?.crossCustomerPairs == nil)
    try checkSamples(data.truth.samples, strict: strict, rubric: rubric)
  }

  private func checkSamples(
    _ samples: [SampleCustomer], strict: StrictReference, rubric: RubricReference
  ) throws {
    #expect(!samples.isEmpty && samples.count <= 20)
    for sample in samples {
      let key = StrictReference.key(sample.email)
      var status = "unknown"
      var consent: Int64?
      switch strict.customers[key] {
      case nil: break
      case .ambiguous?: status = "ambiguous"
      case .winner(let record)?:
        consent = record.shareWithResearchAsOfDate
        status = consent == nil ? "no_consent" : "consented"
      }
      let readings = strict.readingsByKey[key] ?? 0
      #expect(sample.strictStatus == status, "\(sample.email)")
      #expect(sample.strictConsentTime == consent, "\(sample.email)")
      #expect(sample.strictAccelerometerTrusted == readings, "\(sample.email)")
      #expect(sample.strictStepTrainerTrusted == strict.stepsByKey[key] ?? 0, "\(sample.email)")
      #expect(sample.strictCurated == (consent != nil && readings > 0), "\(sample.email)")
      #expect(sample.rubricConsented == rubric.trustedEmails.contains(sample.email))
      #expect(sample.rubricAccelerometerTrusted == rubric.readingsByUser[sample.email] ?? 0)
      #expect(sample.rubricCurated == rubric.curatedEmails.contains(sample.email))
    }
  }
}
