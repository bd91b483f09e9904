public import StediCore
public import StediAuditLog

extension GuardedLayer {
  /// A parsed landing row and where it came from.
  public struct LandingRow<Row: Sendable> {
    public var record: Row
    public var source: SourceFile
    public var line: Int64
    public var digest: Digest128

    public init(record: Row, source: SourceFile, line: Int64, digest: Digest128) {
      self.record = record
      self.source = source
      self.line = line
      self.digest = digest
    }
  }

  /// The customer landing rows of a run, which the layer takes all at once (customers are
  /// resolved as a whole): the records in one array and where each came from in another, so
  /// that resolving them needs no copy of every record.
  public struct CustomerRows: Sendable {
    public private(set) var records: [CustomerRecord] = []
    private(set) var origins: [Origin] = []

    /// Where a record came from: its landing file's audit id, line and row digest.
    struct Origin: Sendable {
      var file: Int64
      var line: Int64
      var digest: Digest128
    }

    public init() {}

    public init(_ rows: [LandingRow<CustomerRecord>]) {
      records.reserveCapacity(rows.count)
      origins.reserveCapacity(rows.count)
      for row in rows { append(row.record, source: row.source, line: row.line, digest: row.digest) }
    }

    public var count: Int { records.count }

    public mutating func append(_ record: CustomerRecord, source: SourceFile, line: Int64, digest: Digest128) {
      records.append(record)
      origins.append(Origin(file: source.id, line: line, digest: digest))
    }
  }

  /// What the layer wrote.
  public struct Result: Sendable {
    public var counts: [TableCounts]
    public var hazards: [Hazard]
    /// The number of movements and their RFC 6962 tree hash (hex), in the order of their ranges.
    public var movements: Int64
    public var merkleRoot: String
    /// Admitted readings per UTC day.
    public var accelerometerDays: DayHistogram
    public var stepTrainerDays: DayHistogram
    /// The output and quarantine files, relative to the run directory.
    public var files: [OutputFile]

    public init(
      counts: [TableCounts], hazards: [Hazard], movements: Int64, merkleRoot: String,
      accelerometerDays: DayHistogram, stepTrainerDays: DayHistogram, files: [OutputFile]
    ) {
      self.counts = counts
      self.hazards = hazards
      self.movements = movements
      self.merkleRoot = merkleRoot
      self.accelerometerDays = accelerometerDays
      self.stepTrainerDays = stepTrainerDays
      self.files = files
    }
  }

  /// A file the run wrote.
  public struct OutputFile: Hashable, Sendable, Codable {
    public var path: String
    public var zone: ZoneID
    public var table: TableID
    public var sha256: String
    public var bytes: Int64
    public var rows: Int64

    public init(path: String, zone: ZoneID, table: TableID, sha256: String, bytes: Int64, rows: Int64) {
      self.path = path
      self.zone = zone
      self.table = table
      self.sha256 = sha256
      self.bytes = bytes
      self.rows = rows
    }
  }
}
