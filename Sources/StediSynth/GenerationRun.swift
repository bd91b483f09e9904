import Foundation

/// The writing pass of one generation: composes every landing line into the table writers,
/// and has the tally classify each row as it goes.
struct GenerationRun {
  let plan: SynthPlan
  let directories: [URL]
  let readingRows: (accelerometer: Int, step: Int)
  let progress: (@Sendable (GenerationProgress) -> Void)?
  /// Planted defects and quirks by `table.kind`.
  private(set) var planted: [String: Int] = [:]
  private var bytesWritten: Int64 = 0
  private var blanks: SynthRandom

  init(
    plan: SynthPlan, directories: [URL], readingRows: (accelerometer: Int, step: Int),
    progress: (@Sendable (GenerationProgress) -> Void)?
  ) {
    self.plan = plan
    self.directories = directories
    self.readingRows = readingRows
    self.progress = progress
    blanks = SynthRandom(seed: plan.config.seed, stream: 1 << 40)
    if plan.config.defects { planted = plan.planted }
  }

  private func files(for rows: Int) -> Int {
    (rows + plan.config.rowsPerFile - 1) / plan.config.rowsPerFile
  }

  /// Writes `customer/landing`.
  mutating func writeCustomers() throws(SynthError) -> LandingTruth {
    let defects = plan.config.defects
    var writer = LandingWriter(
      directory: directories[0], prefix: "customer", rowsPerFile: plan.config.rowsPerFile,
      expectedFiles: files(for: plan.lines.count), crlfFirstFile: false)
    writer.lowercaseKeys = plan.config.form == .driftLowercaseKeys
    var composer = LineComposer(plan: plan, stream: (1 << 40) + 1)
    for (index, line) in plan.lines.enumerated() {
      try writer.startRow()
      composer.appendCustomer(line, to: &writer.buffer)
      try writer.endLine()
      guard defects else { continue }
      count(line)
      if index == 0 {
        try writer.blankLine("")
      } else if blanks.chance(0.002) {
        try writer.blankLine("  \t ")
      }
    }
    let truth = try writer.finish(emptyFile: false)
    if defects { planted["customer.blank_line"] = truth.blankLines }
    bytesWritten += Int64(truth.bytes)
    progress?(
      GenerationProgress(
        phase: .customers, customersDone: plan.persons.count,
        customersTotal: plan.persons.count, bytesWritten: bytesWritten))
    return truth
  }

  private mutating func count(_ line: CustomerLine) {
    switch line.form {
    case .valid: break
    case .schema(let defect): planted["customer." + defect.plantedName, default: 0] += 1
    case .malformed(let kind): planted["customer." + kind.plantedName, default: 0] += 1
    }
    guard line.form.isValid else { return }
    if line.extraFields { planted["customer.unknown_fields", default: 0] += 1 }
    if line.floatTimes { planted["customer.float_time", default: 0] += 1 }
    if line.nameNull { planted["customer.null_name", default: 0] += 1 }
    if line.lastUpdate == .absent && line.registration.time != nil {
      planted["customer.missing_last_update", default: 0] += 1
    }
  }

  /// Writes `accelerometer/landing` and `step_trainer/landing`, group by group.
  mutating func writeReadings(
    _ generator: inout ReadingGenerator, tally: inout TruthTally
  ) throws(SynthError) -> (LandingTruth, LandingTruth) {
    let defects = plan.config.defects
    var accelerometer = LandingWriter(
      directory: directories[1], prefix: "accelerometer", rowsPerFile: plan.config.rowsPerFile,
      expectedFiles: files(for: readingRows.accelerometer), crlfFirstFile: false)
    var step = LandingWriter(
      directory: directories[2], prefix: "step_trainer", rowsPerFile: plan.config.rowsPerFile,
      expectedFiles: files(for: readingRows.step) + 1, crlfFirstFile: defects)
    accelerometer.lowercaseKeys = plan.config.form == .driftLowercaseKeys
    step.lowercaseKeys = accelerometer.lowercaseKeys
    var accelerometerComposer = LineComposer(plan: plan, stream: (1 << 40) + 2)
    var stepComposer = LineComposer(plan: plan, stream: (1 << 40) + 3)
    let reportEvery = max(1, plan.groups.count / 100)
    for group in plan.groups.indices {
      generator.generate(group: group)
      for row in generator.accelerometer {
        let time = plan.time(group: group, slot: row.slot)
        try accelerometer.startRow()
        accelerometerComposer.appendAccelerometer(row, time: time, to: &accelerometer.buffer)
        try accelerometer.endLine()
        tally.classify(row, time: time)
        if defects
          && (row.defect != nil || row.style != .plain || row.person < 0 || row.variant != 0)
        {
          count(row)
        }
      }
      for row in generator.stepTrainer {
        let time = plan.time(group: group, slot: row.slot)
        try step.startRow()
        stepComposer.appendStep(row, time: time, to: &step.buffer)
        try step.endLine()
        tally.classify(row, time: time)
        if defects && (row.defect != nil || row.style != .plain || row.serial < 0) { count(row) }
      }
      tally.pairGroup()
      if defects { try plantBlankLines(group: group, &accelerometer, &step) }
      if let progress, group % reportEvery == reportEvery - 1 {
        let members = plan.groups[group].members
        progress(
          GenerationProgress(
            phase: .readings, customersDone: members.upperBound,
            customersTotal: plan.persons.count,
            bytesWritten: bytesWritten + Int64(accelerometer.bytes + step.bytes)))
      }
    }
    let accelerometerTruth = try accelerometer.finish(emptyFile: false)
    let stepTruth = try step.finish(emptyFile: defects)
    if defects {
      planted["accelerometer.blank_line"] = accelerometerTruth.blankLines
      planted["step_trainer.blank_line"] = stepTruth.blankLines
      planted["step_trainer.crlf_file"] = 1
      planted["step_trainer.empty_file"] = 1
    }
    bytesWritten += Int64(accelerometerTruth.bytes + stepTruth.bytes)
    return (accelerometerTruth, stepTruth)
  }

  private mutating func plantBlankLines(
    group: Int, _ accelerometer: inout LandingWriter, _ step: inout LandingWriter
  ) throws(SynthError) {
    if group == 0 || blanks.chance(0.01) { try accelerometer.blankLine(group == 0 ? "" : " ") }
    if group == 0 || blanks.chance(0.01) { try step.blankLine(group == 0 ? "\t" : "") }
  }

  private mutating func count(_ row: AccRow) {
    if let defect = row.defect {
      planted["accelerometer." + defect.plantedName, default: 0] += 1
      return
    }
    if row.style != .plain { planted["accelerometer." + row.style.plantedName, default: 0] += 1 }
    if row.person < 0 { planted["accelerometer.unknown_user", default: 0] += 1 }
    if row.variant != 0 { planted["accelerometer.case_variant_user", default: 0] += 1 }
  }

  private mutating func count(_ row: StepRow) {
    if let defect = row.defect {
      planted["step_trainer." + defect.plantedName, default: 0] += 1
      return
    }
    if row.style != .plain { planted["step_trainer." + row.style.plantedName, default: 0] += 1 }
    if row.serial < 0 { planted["step_trainer.unknown_serial", default: 0] += 1 }
  }
}
