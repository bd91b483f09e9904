import Foundation
import StediAuditLog
import StediCore
import StediKeys
import StediPolicy
import StediZones
import Testing

/// The guarded layer driven by hand, phase by phase, on tiny rows: what it writes, what it
/// records in the audit log and what it counts.
struct GuardedLayerTests {
  typealias Bench = LayerBench

  /// Customers Ana (consent 1000, S-A) and Ben (no consent), and a line that does not parse.
  static let customerLines = [
    Bench.customer("Ana", serial: "S-A", consent: 1000), Bench.customer("Ben", serial: "S-B", consent: nil), "{not json",
  ]
  static let stepLines = [Bench.step("S-A", at: 1000), Bench.step("S-A", at: 900), Bench.step("S-B", at: 1000)]
  static let accelerometerLines = [Bench.accelerometer("Ana", at: 1000), Bench.accelerometer("Ben", at: 1000)]

  /// Runs the strict order: step trainer, accelerometer (joined), curation, settling.
  /// `settleSteps: false` leaves the step-trainer rows unsettled.
  static func runStrict(_ bench: Bench, runID: String = "run-1", settleSteps: Bool = true) throws -> GuardedLayer.Result? {
    let layer = try bench.layer(runID: runID)
    let customerFile = try layer.registerLanding(table: .customerLanding, path: "customer/c.json")
    let customers = try Bench.rows(customerLines, source: customerFile, through: layer, decode: CustomerRecord.decode(line:))
    try layer.completeLanding(customerFile, sha256: String(repeating: "0", count: 64), bytes: 1, rows: 3)
    switch try layer.submitCustomers(customers) {
    case .accelerometerFirst:
      Issue.record("the strict policy reads the step trainer first")
      return nil
    case .stepTrainerFirst(let steps):
      #expect(steps.trustedCustomers == 1)
      let stepFile = try steps.registerLanding(table: .stepTrainerLanding, path: "step_trainer/s.json")
      let trustedSteps = try Bench.rows(stepLines, source: stepFile, through: steps, decode: StepTrainerReading.decode(line:))
        .compactMap { try steps.submit($0) }
      let join = steps.finishStepTrainer()
      let accelerometerFile = try join.registerLanding(table: .accelerometerLanding, path: "accelerometer/a.json")
      for row in try Bench.rows(accelerometerLines, source: accelerometerFile, through: join, decode: AccelerometerReading.decode(line:)) {
        guard let accelerometer = try join.submit(row) else { continue }
        for step in trustedSteps { try join.pair(step, accelerometer) }
        try join.settle(accelerometer)
      }
      let settling = try join.finishAccelerometer().curate()
      if settleSteps { for step in trustedSteps { try settling.settle(step) } }
      return try settling.finish()
    }
  }

  @Test func stepTrainerFirstOrderWritesAndRecordsEveryRow() throws {
    let bench = try Bench(profile: "strict")
    let result = try #require(try Self.runStrict(bench))
    let counts = Dictionary(uniqueKeysWithValues: result.counts.map { ($0.table, $0) })
    let customers = try #require(counts[.customerTrusted])
    #expect(customers.rowsIn == 3 && customers.admitted == 1 && customers.rowsOut == 1)
    #expect(customers.byReason[.noConsent] == 1 && customers.byReason[.malformed] == 1)
    let steps = try #require(counts[.stepTrainerTrusted])
    #expect(steps.rowsIn == 3 && steps.admitted == 1)
    #expect(steps.byReason[.beforeConsent] == 1 && steps.byReason[.noConsent] == 1)
    let accelerometer = try #require(counts[.accelerometerTrusted])
    #expect(accelerometer.rowsIn == 2 && accelerometer.admitted == 1 && accelerometer.byReason[.noConsent] == 1)
    #expect(counts[.customerCurated]?.admitted == 1)
    let join = try #require(counts[.machineLearningCurated])
    #expect(join.rowsIn == 2 && join.admitted == 2 && join.rowsOut == 1)
    #expect(result.counts.allSatisfy { $0.isConserved })

    // Files: one admitted customer, one joined row, the unparsable line in quarantine.
    #expect(try bench.lines(.customerTrusted).count == 1)
    #expect(try bench.lines(.machineLearningCurated).count == 1)
    let quarantined = try bench.lines(.customerLanding)
    #expect(quarantined.count == 1)
    #expect(!(try bench.lines(.customerTrusted).joined().contains("Ana Lee")))

    // Movements: 3 customers, 3 steps, 2 accelerometer, 1 curated, 2 parents of the joined row.
    let movements = try bench.movements()
    #expect(movements.count == 11)
    #expect(result.movements == 11)
    #expect(try bench.audit.movementCount(run: bench.run) == 11)
    let parents = movements.filter { $0.0.destinationTable == .machineLearningCurated }
    #expect(parents.count == 2)
    #expect(parents.allSatisfy { $0.0.destinationLine == 1 && $0.1 == bench.pseudonymBytes("Ana") })
    let admittedAna = movements.filter { $0.0.destinationTable == .customerTrusted && $0.0.reason == .admitted }
    #expect(admittedAna.count == 1 && admittedAna.first?.1 == bench.pseudonymBytes("Ana"))
    // Every file id a movement names was registered for this run, and completed.
    let files = Dictionary(uniqueKeysWithValues: try bench.audit.files(run: bench.run).map { ($0.id, $0) })
    for (movement, _) in movements {
      #expect(files[movement.sourceFile] != nil)
      if let destination = movement.destinationFile { #expect(files[destination]?.sha256 != nil) }
    }
    #expect(files.values.filter { $0.zone == .landing }.count == 3)
  }

  @Test func accelerometerFirstOrderCuratesBeforeTheStepTrainer() throws {
    let bench = try Bench(profile: "udacity-rubric")
    let layer = try bench.layer()
    let customerFile = try layer.registerLanding(table: .customerLanding, path: "customer/c.json")
    let customers = try Bench.rows(Array(Self.customerLines.prefix(1)), source: customerFile, through: layer, decode: CustomerRecord.decode(line:))
    switch try layer.submitCustomers(customers) {
    case .stepTrainerFirst:
      Issue.record("the rubric reads the accelerometer first")
    case .accelerometerFirst(let readings):
      let file = try readings.registerLanding(table: .accelerometerLanding, path: "accelerometer/a.json")
      let trusted = try Bench.rows([Bench.accelerometer("Ana", at: 1000)], source: file, through: readings, decode: AccelerometerReading.decode(line:))
        .compactMap { try readings.submit($0) }
      let join = try readings.finishAccelerometer().curate()
      let stepFile = try join.registerLanding(table: .stepTrainerLanding, path: "step_trainer/s.json")
      for row in try Bench.rows([Bench.step("S-A", at: 1000)], source: stepFile, through: join, decode: StepTrainerReading.decode(line:)) {
        guard let step = try join.submit(row) else { continue }
        for accelerometer in trusted { try join.pair(step, accelerometer) }
        try join.settle(step)
      }
      let settling = join.finishStepTrainer()
      for row in trusted { try settling.settle(row) }
      let result = try settling.finish()
      let counts = Dictionary(uniqueKeysWithValues: result.counts.map { ($0.table, $0) })
      // Curated before the step trainer was read: the reading's customer is curated.
      #expect(counts[.customerCurated]?.admitted == 1)
      #expect(counts[.stepTrainerTrusted]?.admitted == 1 && counts[.stepTrainerTrusted]?.byReason[.notCurated] == nil)
      #expect(counts[.machineLearningCurated]?.rowsOut == 1)
      #expect(result.counts.allSatisfy { $0.isConserved })
    }
  }

  @Test func anUnsettledReadingIsNotConserved() throws {
    let bench = try Bench(profile: "strict")
    #expect(throws: ZoneError.notConserved(table: TableID.machineLearningCurated.rawValue)) {
      _ = try Self.runStrict(bench, settleSteps: false)
    }
  }

  @Test func subjectsKeepTheirIdsAcrossRuns() throws {
    let bench = try Bench(profile: "strict")
    _ = try Self.runStrict(bench, runID: "run-1")
    let first = Set(try bench.movements().compactMap(\.0.subject))
    _ = try Self.runStrict(bench, runID: "run-2")
    let second = Set(try bench.movements().compactMap(\.0.subject))
    #expect(!first.isEmpty)
    #expect(first == second)
    #expect(try bench.audit.rows("SELECT count(*) FROM subject")[0][0] == "\(first.count)")
  }

  @Test func aDroppedLayerRollsBackAndGivesTheConnectionBack() throws {
    let bench = try Bench(profile: "strict")
    do {
      let layer = try bench.layer()
      let file = try layer.registerLanding(table: .customerLanding, path: "customer/c.json")
      let customers = try Bench.rows(Self.customerLines, source: file, through: layer, decode: CustomerRecord.decode(line:))
      _ = try layer.submitCustomers(customers)  // movements recorded, then the phase is dropped
    }
    #expect(try bench.audit.movementCount(run: bench.run) == 0)
    #expect(try bench.audit.files(run: bench.run).isEmpty)
    // The log is usable again, and a new run's writer can be opened.
    _ = try #require(try Self.runStrict(bench, runID: "run-2"))
    #expect(try bench.audit.movementCount(run: bench.run) == 11)
  }
}
