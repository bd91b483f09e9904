public import Logging
import StediCore
import StediKeys
import StediPolicy
public import StediZones

/// Curates the landing tables into trusted and curated tables, through the guarded layer.
///
/// The job decides only the order of work: it reads and parses landing files, hands every row to
/// the layer, keeps one side of the machine-learning join in memory and offers the layer the
/// candidate pairs. Whether a row is written is the policy's decision, taken inside the layer.
///
/// Order: customers; then, under `step_trainer_requires_curated_customer`, accelerometer,
/// customer_curated and step trainer (the course's order); otherwise step trainer,
/// accelerometer and customer_curated. The first reading table read is the join's indexed side.
public struct CurationJob {
  public let landing: LandingSet
  public let logger: Logger
  public let progress: (@Sendable (CurationProgress) -> Void)?
  /// Called once between the two reading tables (a checkpoint for crash-safety tests).
  public var betweenReadings: (() throws -> Void)?

  public init(
    landing: LandingSet, logger: Logger, progress: (@Sendable (CurationProgress) -> Void)? = nil
  ) {
    self.landing = landing
    self.logger = logger
    self.progress = progress
  }

  /// Runs the job; the layer's `finish()` is left to the caller.
  ///
  /// - Throws: `CurationError` for unreadable landing files; errors of the layer.
  public func run(through layer: GuardedLayer) throws {
    let reading = ReadingState(total: landing.totalBytes, progress: progress)
    var customers: [GuardedLayer.LandingRow<CustomerRecord>] = []
    try read(.customerLanding, layer: layer, state: reading) { line, source, number, digest in
      switch CustomerRecord.decode(line: line) {
      case .success(let record):
        customers.append(.init(record: record, source: source, line: number, digest: digest))
      case .failure(let error):
        try layer.quarantine(error, source: source, line: number, raw: line, digest: digest)
      }
    }
    let trustedCustomers = try layer.submitCustomers(customers)
    customers = []
    logger.info("customers resolved", metadata: ["customer_trusted": "\(trustedCustomers.count)"])
    let byCustomer = layer.policy.machineLearningJoin == .customerAndTime

    if layer.policy.stepTrainerRequiresCuratedCustomer {
      var index = JoinIndex<AccelerometerReading>(byCustomer: byCustomer)
      try readAccelerometer(layer: layer, state: reading) { row in
        index.add(row, time: row.row.timestamp)
      }
      try betweenReadings?()
      for customer in trustedCustomers { try layer.curate(customer) }
      try readStepTrainer(layer: layer, state: reading) { step in
        try index.forEach(customer: step.admitted.customer, time: step.row.sensorReadingTime) { accelerometer in
          try layer.pair(step, accelerometer)
        }
        try layer.settle(step)
      }
      for row in index.rows { try layer.settle(row) }
    } else {
      var index = JoinIndex<StepTrainerReading>(byCustomer: byCustomer)
      try readStepTrainer(layer: layer, state: reading) { row in
        index.add(row, time: row.row.sensorReadingTime)
      }
      try betweenReadings?()
      try readAccelerometer(layer: layer, state: reading) { accelerometer in
        try index.forEach(customer: accelerometer.admitted.customer, time: accelerometer.row.timestamp) { step in
          try layer.pair(step, accelerometer)
        }
        try layer.settle(accelerometer)
      }
      for customer in trustedCustomers { try layer.curate(customer) }
      for row in index.rows { try layer.settle(row) }
    }
  }

  private func readAccelerometer(
    layer: GuardedLayer, state: ReadingState,
    _ admitted: (TrustedRow<AccelerometerReading>) throws -> Void
  ) throws {
    try read(.accelerometerLanding, layer: layer, state: state) { line, source, number, digest in
      switch AccelerometerReading.decode(line: line) {
      case .success(let record):
        if let row = try layer.submit(.init(record: record, source: source, line: number, digest: digest)) {
          try admitted(row)
        }
      case .failure(let error):
        try layer.quarantine(error, source: source, line: number, raw: line, digest: digest)
      }
    }
  }

  private func readStepTrainer(
    layer: GuardedLayer, state: ReadingState,
    _ admitted: (TrustedRow<StepTrainerReading>) throws -> Void
  ) throws {
    try read(.stepTrainerLanding, layer: layer, state: state) { line, source, number, digest in
      switch StepTrainerReading.decode(line: line) {
      case .success(let record):
        if let row = try layer.submit(.init(record: record, source: source, line: number, digest: digest)) {
          try admitted(row)
        }
      case .failure(let error):
        try layer.quarantine(error, source: source, line: number, raw: line, digest: digest)
      }
    }
  }

  /// Reads every file of a landing table, calling `body` for each non-blank line with its
  /// source file, line number and row digest; registers the files with their digests.
  private func read(
    _ table: TableID, layer: GuardedLayer, state: ReadingState,
    _ body: (UnsafeRawBufferPointer, SourceFile, Int64, Digest128) throws -> Void
  ) throws {
    var tableRows: Int64 = 0
    for file in landing.files(of: table) {
      let source = try layer.registerLanding(table: table, path: file.relativePath)
      var hasher = StreamingSHA256()
      var rows: Int64 = 0
      let before = state.bytesRead
      let reader = LineReader(fileURL: file.url)
      let bytes = try reader.forEachLine(
        progress: { read in state.update(table: table, bytesRead: before + Int64(read), rows: tableRows + rows) },
        chunk: { hasher.update($0) }
      ) { number, line in
        if LineReader.isBlank(line) { return }
        rows += 1
        try body(line, source, Int64(number), RowDigester.digest(line))
      }
      state.bytesRead = before + Int64(bytes)
      tableRows += rows
      try layer.completeLanding(source, sha256: hasher.finalizeHex(), bytes: Int64(bytes), rows: rows)
    }
    state.update(table: table, bytesRead: state.bytesRead, rows: tableRows, force: true)
    logger.info("landing table read", metadata: ["table": "\(table)", "rows": "\(tableRows)"])
  }
}

/// Progress bookkeeping across landing tables.
final class ReadingState {
  let total: Int64
  let progress: (@Sendable (CurationProgress) -> Void)?
  var bytesRead: Int64 = 0
  private var lastReported: Int64 = -1

  init(total: Int64, progress: (@Sendable (CurationProgress) -> Void)?) {
    self.total = total
    self.progress = progress
  }

  func update(table: TableID, bytesRead: Int64, rows: Int64, force: Bool = false) {
    guard let progress else { return }
    // Report about every 0.5 % of the input, and at the end of each table.
    let step = max(1, total / 200)
    guard force || bytesRead - lastReported >= step else { return }
    lastReported = bytesRead
    progress(CurationProgress(table: table, bytesRead: bytesRead, bytesTotal: total, rows: rows))
  }
}
