import Foundation
import StediAuditLog
import StediCore
import StediKeys
import StediPolicy

/// The state of a guarded layer and the work behind every phase (see `GuardedLayer`): the
/// policy engine, the zone writers, the counts and the run's writer. Internal: only the phase
/// values reach it, each exposing the calls its phase allows.
///
/// For every row it is handed, it (1) asks the policy engine for a decision, (2) writes the row
/// only if the engine admitted it, and (3) records the movement — source file and line,
/// destination, reason, row digest and the customer's keyed pseudonym — through the run's
/// `LineageWriter`, the one writer of the audit log while the run is open.
final class GuardedLayerCore {
  let policy: Policy
  private let withdrawn: Set<String>
  /// The engine, once customers are resolved. Boxed: a call through a class's `let` borrows the
  /// engine, where one through an optional `var` of a struct type copied it (retaining all of
  /// its tables) for some rows.
  private var box: EngineBox?
  private let lineage: LineageWriter
  private let run: Int64
  private let runDirectory: URL
  private let pseudonymizer: Pseudonymizer
  /// Writers, serializers and counts of the output tables, indexed by `TableID.code`.
  private var writers: [TableFileWriter?] = Array(repeating: nil, count: 9)
  private var quarantineWriters: [TableFileWriter?] = Array(repeating: nil, count: 9)
  private var serializers: [RowSerializer?] = Array(repeating: nil, count: 9)
  private var quarantineEncoder = QuarantineRecordEncoder()
  private var counts: [TableCounts?] = Array(repeating: nil, count: 9)
  /// Whether a table's policy columns hold `customerId`, by `TableID.code` (asked per row).
  private var carriesCustomerId: [Bool] = Array(repeating: false, count: 9)
  private var subjects: [SubjectRef?] = []
  /// Each customer's pseudonym once made, as 16 bytes (a string each cost about 80 bytes a
  /// customer); `lastPseudonymText` is the text of the last one asked for.
  private var pseudonyms: [Digest128?] = []
  private var lastPseudonymText: (customer: CustomerIndex, text: String)?
  private var unregisteredSubjects: [String: SubjectRef] = [:]
  private var accelerometerDays = DayHistogram()
  private var stepTrainerDays = DayHistogram()
  private var crossCustomerPairs: Int64 = 0
  /// Trusted lines that joined at least one machine-learning row.
  private var matchedSteps = Bitset()
  private var matchedAccelerometer = Bitset()
  private var landingFiles: [SourceFile] = []
  /// The `customer_trusted` rows, kept for curation: of each record what `customer_curated`
  /// writes (and its serial number), and where the row was written.
  private var trustedRecords: [CustomerRecord] = []
  private var trustedPlaces: [TrustedPlace] = []
  private var finished = false

  /// Opens the writers of every output and quarantine table under `runDirectory`.
  ///
  /// - Throws: `ZoneError` or `AuditLogError` if a file or the audit log can't be written.
  /// `withdrawn` holds the pseudonyms (under `pseudonymizer`'s key) of customers who withdrew
  /// consent: none of their rows is admitted.
  init(
    runDirectory: URL, policy: Policy, pseudonymizer: Pseudonymizer, audit: AuditLog, run: Int64,
    withdrawn: Set<String> = [], format: OutputFormat = .jsonl, faults: WriteFaults? = nil
  ) throws {
    self.policy = policy
    self.withdrawn = withdrawn

    self.run = run
    self.runDirectory = runDirectory
    self.pseudonymizer = pseudonymizer
    lineage = try audit.lineageWriter(run: run)
    for table in TableID.outputs {
      let path = "\(table.zone.rawValue)/\(table.rawValue)/part-00000.\(format.fileExtension)"
      let id = try lineage.registerFile(zone: table.zone, table: table, path: path)
      let columns = policy.columns(of: table)
      writers[table.code] = try TableFileWriter(
        url: runDirectory.appendingPathComponent(path), relativePath: path, auditFileID: id,
        parquetColumns: format == .parquet ? columns.map { ($0.rawValue, $0.valueType) } : nil, faults: faults)
      serializers[table.code] = RowSerializer(columns: columns)
      carriesCustomerId[table.code] = columns.contains(.customerId)
      counts[table.code] = TableCounts(table: table)
    }
    for table in TableID.landings {
      let path = "quarantine/\(table.rawValue)/part-00000.jsonl"
      let id = try lineage.registerFile(zone: .quarantine, table: table, path: path)
      quarantineWriters[table.code] = try TableFileWriter(
        url: runDirectory.appendingPathComponent(path), relativePath: path, auditFileID: id,
        confidential: true, faults: faults)
    }
  }

  // MARK: landing files

  /// Registers a landing file about to be read; `path` is relative to the landing directory.
  func registerLanding(table: TableID, path: String) throws -> SourceFile {
    let id = try lineage.registerFile(zone: .landing, table: table, path: path)
    let file = SourceFile(id: id, table: table, path: path)
    landingFiles.append(file)
    return file
  }

  /// Records a landing file's digest, size and number of rows once read.
  func completeLanding(_ file: SourceFile, sha256: String, bytes: Int64, rows: Int64) throws {
    try lineage.completeFile(id: file.id, sha256: sha256, bytes: bytes, rows: rows)
  }

  /// Quarantines a landing line that could not be parsed: writes it, with its reason, to the
  /// quarantine zone and records the movement.
  func quarantine(
    _ error: RowError, source: SourceFile, line: Int64, raw: UnsafeRawBufferPointer, digest: Digest128
  ) throws {
    let destination = source.table.trusted
    let bytes = quarantineEncoder.encode(table: source.table, source: source, line: line, error: error, raw: raw)
    guard let writer = quarantineWriters[source.table.code] else { throw ZoneError.misuse("no quarantine for \(source.table)") }
    let outLine = try writer.append(bytes)
    try record(Movement(
      sourceFile: source.id, sourceLine: line, sourceDigest: digest, destinationTable: destination,
      destinationFile: writer.auditFileID, destinationLine: outLine, reason: error.reason, subject: nil), subject: nil)
    counts[destination.code]?.count(error.reason)
  }

  // MARK: landing -> trusted

  /// Decides and writes every customer landing row (the policy resolves customers as a whole);
  /// keeps the `customer_trusted` rows for `curate` and returns their number.
  func submitCustomers(_ rows: consuming GuardedLayer.CustomerRows) throws -> Int {
    guard box == nil else { throw ZoneError.misuse("customers submitted twice") }
    let withdrawn = self.withdrawn
    let pseudonymizer = self.pseudonymizer
    let (made, verdicts) = PolicyEngine.resolveCustomerVerdicts(policy: policy, records: rows.records) { emailKey in
      Policy.isWithdrawn(emailKey: emailKey, among: withdrawn, pseudonymizer: pseudonymizer)
    }
    box = EngineBox(engine: made)
    subjects = Array(repeating: nil, count: made.registry.count)
    pseudonyms = Array(repeating: nil, count: made.registry.count)
    let admitted = verdicts.count { if case .admitted = $0 { true } else { false } }
    var kept: [CustomerRecord] = []
    var places: [TrustedPlace] = []
    kept.reserveCapacity(admitted)
    places.reserveCapacity(admitted)
    let curated = serializer(.customerCurated)
    for (position, verdict) in verdicts.enumerated() {
      let origin = rows.origins[position]
      let decision = verdict.decision(of: rows.records[position])
      let written = try apply(decision, into: .customerTrusted, from: origin.file, line: origin.line, digest: origin.digest) {
        serializer(.customerTrusted).customer($0.row, customerId: pseudonymIfNeeded($0.customer, for: .customerTrusted))
      }
      guard let written else { continue }
      kept.append(curated.keepingWritten(written.row))
      places.append(TrustedPlace(customer: written.admitted.customer, file: written.file, line: written.line, digest: written.digest))
    }
    trustedRecords = kept
    trustedPlaces = places
    return places.count
  }

  /// Decides an accelerometer reading; writes it to `accelerometer_trusted` if admitted.
  func submit(_ row: GuardedLayer.LandingRow<AccelerometerReading>) throws -> TrustedRow<AccelerometerReading>? {
    guard let decision = box?.engine.decide(row.record) else { throw ZoneError.misuse("readings before customers") }
    return try apply(decision, into: .accelerometerTrusted, from: row.source.id, line: row.line, digest: row.digest) {
      accelerometerDays.add(epochMilliseconds: $0.row.timestamp)
      let customerId = pseudonymIfNeeded($0.customer, for: .accelerometerTrusted)
      return serializer(.accelerometerTrusted).accelerometer($0.row, customerId: customerId)
    }
  }

  /// Decides a step-trainer reading; writes it to `step_trainer_trusted` if admitted.
  func submit(_ row: GuardedLayer.LandingRow<StepTrainerReading>) throws -> TrustedRow<StepTrainerReading>? {
    guard let decision = box?.engine.decide(row.record) else { throw ZoneError.misuse("readings before customers") }
    return try apply(decision, into: .stepTrainerTrusted, from: row.source.id, line: row.line, digest: row.digest) {
      stepTrainerDays.add(epochMilliseconds: $0.row.sensorReadingTime)
      let customerId = pseudonymIfNeeded($0.customer, for: .stepTrainerTrusted)
      return serializer(.stepTrainerTrusted).stepTrainer($0.row, customerId: customerId)
    }
  }

  // MARK: trusted -> curated

  /// Decides every `customer_trusted` row for `customer_curated`, in order; the phases call it
  /// once, after every accelerometer reading was submitted.
  func curate() throws {
    let (records, places) = (trustedRecords, trustedPlaces)
    (trustedRecords, trustedPlaces) = ([], [])
    for (record, place) in zip(records, places) {
      let admitted = Admitted(record, into: .customerTrusted, customer: place.customer)
      try curate(TrustedRow(admitted: admitted, file: place.file, line: place.line, digest: place.digest))
    }
  }

  private func curate(_ row: TrustedRow<CustomerRecord>) throws {
    guard let decision = box?.engine.decideCurated(row.admitted) else { throw ZoneError.misuse("curation before customers") }
    _ = try apply(decision, into: .customerCurated, from: row.file, line: row.line, digest: row.digest) {
      serializer(.customerCurated).customer($0.row, customerId: pseudonymIfNeeded($0.customer, for: .customerCurated))
    }
  }

  /// Offers a pair of trusted readings to the machine-learning join. If the policy pairs them,
  /// writes the `machine_learning_curated` row and records both parents; returns whether it did.
  @discardableResult
  func pair(_ step: TrustedRow<StepTrainerReading>, _ accelerometer: TrustedRow<AccelerometerReading>) throws -> Bool {
    guard box != nil else { throw ZoneError.misuse("join before customers") }
    guard let admitted = box?.engine.pair(step.admitted, accelerometer.admitted) else { return false }
    let customerId = pseudonymIfNeeded(admitted.customer, for: .machineLearningCurated)
    let writer = try writer(.machineLearningCurated)
    let bytes = serializer(.machineLearningCurated).machineLearning(admitted.row, customerId: customerId)
    let outLine = try writer.append(bytes)
    counts[TableID.machineLearningCurated.code]?.rowsOut += 1
    if admitted.row.crossCustomer { crossCustomerPairs += 1 }
    try record(Movement(
      sourceFile: step.file, sourceLine: step.line, sourceDigest: step.digest,
      destinationTable: .machineLearningCurated, destinationFile: writer.auditFileID,
      destinationLine: outLine, reason: .admitted, subject: nil), subject: subject(step.admitted.customer))
    try record(Movement(
      sourceFile: accelerometer.file, sourceLine: accelerometer.line, sourceDigest: accelerometer.digest,
      destinationTable: .machineLearningCurated, destinationFile: writer.auditFileID,
      destinationLine: outLine, reason: .admitted, subject: nil), subject: subject(accelerometer.admitted.customer))
    matchedSteps.insert(step.line)
    matchedAccelerometer.insert(accelerometer.line)
    return true
  }

  /// Settles a trusted reading's part in the machine-learning join once all its pairs were
  /// offered: counted as admitted if it was paired, else recorded as `no_match`. Called exactly
  /// once for every trusted reading.
  func settle(_ row: TrustedRow<StepTrainerReading>) throws {
    try settle(row, matched: matchedSteps.contains(row.line))
  }

  func settle(_ row: TrustedRow<AccelerometerReading>) throws {
    try settle(row, matched: matchedAccelerometer.contains(row.line))
  }

  private func settle<Row>(_ row: TrustedRow<Row>, matched: Bool) throws {
    if matched {
      counts[TableID.machineLearningCurated.code]?.count(.admitted)
    } else {
      try exclude(.noMatch, subject: row.admitted.customer.map(Subject.customer) ?? .none,
        into: .machineLearningCurated, from: row.file, line: row.line, digest: row.digest)
    }
  }

  // MARK: finishing

  /// Flushes and syncs every file, records their digests and commits the lineage.
  ///
  /// - Throws: `ZoneError.notConserved` if any table's counts do not add up.
  func finish() throws -> GuardedLayer.Result {
    guard !finished else { throw ZoneError.misuse("layer finished twice") }
    finished = true
    var files: [GuardedLayer.OutputFile] = []
    let all = TableID.outputs.compactMap { table in writers[table.code].map { (table, $0) } }
      + TableID.landings.compactMap { table in quarantineWriters[table.code].map { (table, $0) } }
    for (table, writer) in all {
      let sha = try writer.finish()
      try lineage.completeFile(id: writer.auditFileID, sha256: sha, bytes: writer.bytes, rows: writer.lines)
      files.append(GuardedLayer.OutputFile(
        path: writer.relativePath, zone: table.zone == .landing ? .quarantine : table.zone,
        table: table, sha256: sha, bytes: writer.bytes, rows: writer.lines))
    }
    let (movements, merkleRoot) = try lineage.finish()
    let ordered = TableID.outputs.compactMap { counts[$0.code] }
    for table in ordered where !table.isConserved {
      throw ZoneError.notConserved(table: table.table.rawValue)
    }
    let trustedReadings = (counts[TableID.stepTrainerTrusted.code]?.rowsOut ?? 0) + (counts[TableID.accelerometerTrusted.code]?.rowsOut ?? 0)
    if counts[TableID.machineLearningCurated.code]?.rowsIn != trustedReadings {
      throw ZoneError.notConserved(table: TableID.machineLearningCurated.rawValue)
    }
    // The hazards the policy's plan declares, each with what this run counted.
    let hazards = DecisionPlan(compiling: policy).hazards.map { hazard in
      let count: Int64 = switch hazard.kind {
      case .crossCustomerJoin: crossCustomerPairs
      }
      return Hazard(kind: hazard.kind.rawValue, table: hazard.table, count: count, description: hazard.description)
    }
    return GuardedLayer.Result(
      counts: ordered, hazards: hazards, movements: movements, merkleRoot: merkleRoot,
      accelerometerDays: accelerometerDays, stepTrainerDays: stepTrainerDays, files: files)
  }

  // MARK: helpers

  /// Carries out a decision: an admitted row is serialized, written and recorded; an excluded
  /// one is recorded. Returns the written row.
  private func apply<Row>(
    _ decision: Decision<Row>, into table: TableID, from file: Int64, line: Int64, digest: Digest128,
    serialize: (Admitted<Row>) throws -> [UInt8]
  ) throws -> TrustedRow<Row>? {
    switch decision {
    case .admitted(let admitted):
      return try admit(admitted, bytes: try serialize(admitted), from: file, line: line, digest: digest)
    case .excluded(let reason, let subject):
      try exclude(reason, subject: subject, into: table, from: file, line: line, digest: digest)
      return nil
    }
  }

  private func admit<Row>(
    _ admitted: Admitted<Row>, bytes: [UInt8], from file: Int64, line: Int64, digest: Digest128
  ) throws -> TrustedRow<Row> {
    let table = admitted.destination
    let writer = try writer(table)
    let outLine = try writer.append(bytes)
    try record(Movement(
      sourceFile: file, sourceLine: line, sourceDigest: digest, destinationTable: table,
      destinationFile: writer.auditFileID, destinationLine: outLine, reason: .admitted,
      subject: nil), subject: subject(admitted.customer))
    counts[table.code]?.count(.admitted)
    counts[table.code]?.rowsOut += 1
    return TrustedRow(admitted: admitted, file: writer.auditFileID, line: outLine, digest: digest)
  }

  private func exclude(
    _ reason: ReasonCode, subject: Subject, into table: TableID, from file: Int64, line: Int64, digest: Digest128
  ) throws {
    let subjectID: SubjectRef?
    switch subject {
    case .customer(let customer): subjectID = self.subject(customer)
    case .unregistered(let emailKey):
      if let known = unregisteredSubjects[emailKey] {
        subjectID = known
      } else {
        let made = register(pseudonym: pseudonymizer.pseudonymDigest(ofEmailKey: emailKey))
        unregisteredSubjects[emailKey] = made
        subjectID = made
      }
    case .none: subjectID = nil
    }
    try record(Movement(
      sourceFile: file, sourceLine: line, sourceDigest: digest, destinationTable: table,
      reason: reason, subject: nil), subject: subjectID)
    counts[table.code]?.count(reason)
  }

  private func writer(_ table: TableID) throws -> TableFileWriter {
    guard let writer = writers[table.code] else { throw ZoneError.misuse("no writer for \(table)") }
    return writer
  }

  private func serializer(_ table: TableID) -> RowSerializer {
    serializers[table.code] ?? RowSerializer(columns: policy.columns(of: table))
  }

  private func pseudonym(_ customer: CustomerIndex?) -> String? {
    guard let customer else { return nil }
    // Rows come in runs of one customer: one string for the run, not one per row.
    if let last = lastPseudonymText, last.customer == customer { return last.text }
    guard let text = pseudonymDigest(customer)?.description else { return nil }
    lastPseudonymText = (customer, text)
    return text
  }

  private func pseudonymDigest(_ customer: CustomerIndex) -> Digest128? {
    if let known = pseudonyms[customer.index] { return known }
    guard let emailKey = box?.engine.registry.emailKeys[customer.index] else { return nil }
    let made = pseudonymizer.pseudonymDigest(ofEmailKey: emailKey)
    pseudonyms[customer.index] = made
    return made
  }

  private func pseudonymIfNeeded(_ customer: CustomerIndex?, for table: TableID) -> String? {
    carriesCustomerId[table.code] ? pseudonym(customer) : nil
  }

  private func subject(_ customer: CustomerIndex?) -> SubjectRef? {
    guard let customer else { return nil }
    if let known = subjects[customer.index] { return known }
    guard let pseudonym = pseudonymDigest(customer) else { return nil }
    let made = register(pseudonym: pseudonym)
    subjects[customer.index] = made
    return made
  }

  private func register(pseudonym: Digest128) -> SubjectRef {
    lineage.subject(keyID: pseudonymizer.keyID, pseudonym: pseudonym.description, bytes: pseudonym)
  }

  /// Records a movement in the audit log and in the run's Merkle commitment.
  private func record(_ movement: Movement, subject: SubjectRef?) throws {
    try lineage.record(movement, subject: subject)
  }
}

/// Where a `customer_trusted` row was written, and whose it is.
private struct TrustedPlace {
  var customer: CustomerIndex?
  var file: Int64
  var line: Int64
  var digest: Digest128
}

/// The policy engine of a layer, behind a reference.
private final class EngineBox {
  var engine: PolicyEngine

  init(engine: PolicyEngine) { self.engine = engine }
}

/// A pseudonym as the run's writer knows it (stored before the movements that name it).
typealias SubjectRef = SubjectToken
