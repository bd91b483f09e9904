public import Logging
public import StediCore
import StediKeys
import Dispatch
import StediPolicy
public import StediZones

/// Curates the landing tables into trusted and curated tables, through the guarded layer.
///
/// The job decides only the order of work: it reads and parses landing files, hands every row to
/// the layer, keeps one side of the machine-learning join in memory and offers the layer the
/// candidate pairs. Whether a row is written is the policy's decision, taken inside the layer.
///
/// Order (the layer's phases hold it: see `GuardedLayer` and `ReadingOrder`): customers; then,
/// under `step_trainer_requires_curated_customer`, accelerometer, customer_curated and step
/// trainer (the course's order); otherwise step trainer, accelerometer and customer_curated.
/// The first reading table read is the join's indexed side.
public final class CurationJob {
  public let landing: LandingSet
  public let logger: Logger
  public let progress: (@Sendable (CurationProgress) -> Void)?
  /// Called once between the two reading tables (a checkpoint for crash-safety tests).
  public var betweenReadings: (() throws -> Void)?
  /// Called at each `CurationPhase` (checkpoints for crash-safety tests).
  public var phase: ((CurationPhase) throws -> Void)?
  /// The type-drift rules applied to accepted landing rows, per table (after `run`).
  public private(set) var coercions: [TableID: CoercionTally] = [:]

  /// The coercion counts of every landing table, in table order.
  public var coercionCounts: [CoercionCount] {
    TableID.landings.flatMap { coercions[$0]?.counts ?? [] }
  }

  public init(
    landing: LandingSet, logger: Logger, progress: (@Sendable (CurationProgress) -> Void)? = nil
  ) {
    self.landing = landing
    self.logger = logger
    self.progress = progress
  }

  /// Runs the job through the layer's phases, in the order its policy needs, and finishes it.
  ///
  /// - Throws: `CurationError` for unreadable landing files; errors of the layer (among them
  ///   `ZoneError.notConserved` from `finish`).
  public func run(through layer: consuming GuardedLayer) throws -> GuardedLayer.Result {
    ProcessHeap.shareOneArena()
    let reading = ReadingState(total: landing.totalBytes, progress: progress)
    let policy = layer.policy
    let options = policy.input
    var customers = GuardedLayer.CustomerRows()
    try read(.customerLanding, into: layer, state: reading, decode: { CustomerRecord.decode(line: $0, options: options, coercions: &$1.coercions) }) { record, source, number, digest in
      customers.append(record, source: source, line: number, digest: digest)
    }
    let order = try layer.submitCustomers(consume customers)
    // The records and their decisions are freed: their pages go back before the readings come.
    ProcessHeap.releaseFreeMemory()
    try phase?(.customersResolved)
    let byCustomer = policy.machineLearningJoin == .customerAndTime

    switch consume order {
    case .accelerometerFirst(let readings):
      logger.info("customers resolved", metadata: ["customer_trusted": "\(readings.trustedCustomers)"])
      var index = JoinIndex<AccelerometerReading>(byCustomer: byCustomer, expectedRows: maximumRows(.accelerometerLanding)) { $0.timestamp }
      try read(.accelerometerLanding, into: readings, state: reading, decode: Self.accelerometer(options)) { record, source, number, digest in
        if let row = try readings.submit(.init(record: record, source: source, line: number, digest: digest)) { index.add(row) }
      }
      index.seal()
      try betweenReadings?()
      try phase?(.betweenReadings)
      let join = try readings.finishAccelerometer().curate()
      try read(.stepTrainerLanding, into: join, state: reading, decode: Self.stepTrainer(options)) { record, source, number, digest in
        guard let step = try join.submit(.init(record: record, source: source, line: number, digest: digest)) else { return }
        try index.forEach(customer: step.admitted.customer, time: step.row.sensorReadingTime) { accelerometer in
          try join.pair(step, accelerometer)
        }
        try join.settle(step)
      }
      let settling = join.finishStepTrainer()
      for row in index.rows { try settling.settle(row) }
      try phase?(.settled)
      return try settling.finish()
    case .stepTrainerFirst(let steps):
      logger.info("customers resolved", metadata: ["customer_trusted": "\(steps.trustedCustomers)"])
      // The indexed side, in bounded memory (sorted runs spilled to a scratch file).
      let index = StepTrainerJoinIndex(byCustomer: byCustomer)
      try read(.stepTrainerLanding, into: steps, state: reading, decode: Self.stepTrainer(options)) { record, source, number, digest in
        if let row = try steps.submit(.init(record: record, source: source, line: number, digest: digest)) { try index.add(row) }
      }
      try index.seal()
      logger.info("join index sealed", metadata: ["rows": "\(index.count)", "spilled": "\(index.spilled)"])
      try betweenReadings?()
      try phase?(.betweenReadings)
      let join = steps.finishStepTrainer()
      try read(.accelerometerLanding, into: join, state: reading, decode: Self.accelerometer(options)) { record, source, number, digest in
        guard let accelerometer = try join.submit(.init(record: record, source: source, line: number, digest: digest)) else { return }
        try index.forEach(customer: accelerometer.admitted.customer, time: accelerometer.row.timestamp) { step in
          try join.pair(step, accelerometer)
        }
        try join.settle(accelerometer)
      }
      let settling = try join.finishAccelerometer().curate()
      try index.forEachRow { try settling.settle($0) }
      try phase?(.settled)
      return try settling.finish()
    }
  }

  private static let duringPhase: [TableID: CurationPhase] = [
    .customerLanding: .duringCustomers, .accelerometerLanding: .duringAccelerometer, .stepTrainerLanding: .duringStepTrainer,
  ]

  /// About the most rows a landing table can hold (real rows are longer than 48 bytes; if the
  /// guess falls short, the index simply grows).
  private func maximumRows(_ table: TableID) -> Int {
    Int(landing.files(of: table).reduce(Int64(0)) { $0 + $1.bytes } / 48)
  }

  private static func accelerometer(_ options: LineDecodingOptions) -> @Sendable (UnsafeRawBufferPointer, inout LineScratch) -> Result<AccelerometerReading, RowError> {
    { AccelerometerReading.decode(line: $0, options: options, scratch: &$1) }
  }

  private static func stepTrainer(_ options: LineDecodingOptions) -> @Sendable (UnsafeRawBufferPointer, inout LineScratch) -> Result<StepTrainerReading, RowError> {
    { StepTrainerReading.decode(line: $0, options: options, scratch: &$1) }
  }

  /// Reads every file of a landing table, calling `body` for each parsed row and quarantining
  /// the others; registers the files with their digests.
  ///
  /// Reading, parsing and digesting run on a thread of their own, a few thousand rows ahead of
  /// the decisions taken on this one.
  private func read<Record: Sendable, Intake: LandingIntake & ~Copyable>(
    _ table: TableID, into layer: borrowing Intake, state: ReadingState,
    decode: @escaping @Sendable (UnsafeRawBufferPointer, inout LineScratch) -> Result<Record, RowError>,
    _ body: (Record, SourceFile, Int64, Digest128) throws -> Void
  ) throws {
    let channel = EventChannel<ReadEvent<Record>>(capacity: 8)
    let files = landing.files(of: table)
    let done = DispatchGroup()
    DispatchQueue.global().async(group: done) {
      do {
        try Self.produce(files, table: table, decode: decode, into: channel)
        channel.close()
      } catch {
        channel.close(failure: error)
      }
    }
    defer {
      channel.cancel()
      done.wait()
    }
    var tableRows: Int64 = 0
    var source: SourceFile?
    while let event = try channel.receive() {
      switch event {
      case .fileStarted(let file):
        source = try layer.registerLanding(table: table, path: file.relativePath)
      case .rows(let rows, let bytesRead):
        guard let source else { continue }
        for row in rows {
          if let record = row.record {
            try body(record, source, row.line, row.digest)
          } else if let error = row.error {
            try row.raw.withUnsafeBytes { raw in
              try layer.quarantine(error, source: source, line: row.line, raw: raw, digest: row.digest)
            }
          }
        }
        let first = tableRows == 0
        tableRows += Int64(rows.count)
        if first, let point = Self.duringPhase[table] { try phase?(point) }
        state.update(table: table, bytesRead: state.bytesRead + bytesRead, rows: tableRows)
      case .fileFinished(let sha256, let bytes, let rows, let tally):
        coercions[table, default: CoercionTally(table: table)].merge(tally)
        guard let finished = source else { continue }
        state.bytesRead += bytes
        try layer.completeLanding(finished, sha256: sha256, bytes: bytes, rows: rows)
        source = nil
      }
    }
    state.update(table: table, bytesRead: state.bytesRead, rows: tableRows, force: true)
    logger.info("landing table read", metadata: ["table": "\(table)", "rows": "\(tableRows)"])
  }

  /// The reading thread: lines → parsed rows with digests, in batches.
  private static func produce<Record: Sendable>(
    _ files: [LandingSet.File], table: TableID,
    decode: (UnsafeRawBufferPointer, inout LineScratch) -> Result<Record, RowError>,
    into channel: EventChannel<ReadEvent<Record>>
  ) throws {
    let batchSize = 4_096
    // The thread's coercions and interned strings (emails and serials repeat on every reading).
    var scratch = LineScratch()
    for file in files {
      guard channel.send(.fileStarted(file)) else { return }
      var hasher = StreamingSHA256()
      var tally = CoercionTally(table: table)
      var rows: Int64 = 0
      var batch: [ParsedRow<Record>] = []
      batch.reserveCapacity(batchSize)
      var stopped = false
      var read: Int64 = 0
      let bytes = try LineReader(fileURL: file.url, encoding: file.encoding).forEachLine(
        progress: { read = Int64($0) }, chunk: { hasher.update($0) }
      ) { number, line in
        if stopped || LineReader.isBlank(line) { return }
        rows += 1
        let digest = RowDigester.digest(line)
        scratch.coercions.removeAll()
        switch decode(line, &scratch) {
        case .success(let record):
          tally.add(scratch.coercions)
          batch.append(ParsedRow(line: Int64(number), digest: digest, record: record, error: nil, raw: []))
        case .failure(let error):
          batch.append(ParsedRow(line: Int64(number), digest: digest, record: nil, error: error, raw: Array(line)))
        }
        if batch.count >= batchSize {
          stopped = !channel.send(.rows(batch, bytesRead: read))
          batch.removeAll(keepingCapacity: true)
        }
      }
      if stopped { return }
      if !batch.isEmpty, !channel.send(.rows(batch, bytesRead: Int64(bytes))) { return }
      guard channel.send(.fileFinished(sha256: hasher.finalizeHex(), bytes: Int64(bytes), rows: rows, coercions: tally)) else { return }
    }
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
