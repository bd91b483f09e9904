import Foundation
public import StediCore
public import StediPolicy

/// The step-trainer side of the machine-learning join, found by join key (customer and time,
/// or time only), with memory bounded whatever the input's size.
///
/// Rows are packed into 64-byte records (the serial number interned once per distinct serial)
/// and collected in chunks of `chunkRows`; a full chunk is sorted and written to a scratch file
/// as a sorted run. `seal()` merges the runs into one sorted region of that file, read back
/// through a small cache of blocks. An index that never filled a chunk stays in memory. The
/// scratch file is unlinked as soon as it is opened: nothing is left behind, even by a crash,
/// and the run directory (whose files the manifest lists) never sees it. Step-trainer rows
/// carry no identity (serial number, time, distance), so the file holds none either.
///
/// The rows it gives back are the trusted rows the layer handed out, field for field; only
/// this module can make them again.
public final class StepTrainerJoinIndex {
  struct Record: BitwiseCopyable {
    var keyCustomer: Int32
    var customer: Int32
    var serial: Int32
    var isReal: UInt8
    var destination: UInt8
    var time: Int64
    var distance: UInt64
    var file: Int64
    var line: Int64
    var digestHigh: UInt64
    var digestLow: UInt64

    static func < (lhs: Record, rhs: Record) -> Bool {
      (lhs.keyCustomer, lhs.time, lhs.line) < (rhs.keyCustomer, rhs.time, rhs.line)
    }
  }

  let byCustomer: Bool
  private let chunkRows: Int
  private var chunk: [Record] = []
  private var serials: [String] = []
  private var serialIDs: [String: Int32] = [:]
  private var fd: Int32 = -1
  /// Sorted runs in the scratch file, as (first record, count).
  private var runs: [(start: Int, count: Int)] = []
  private var fileRecords = 0
  /// After `seal()`: the sorted rows, in `chunk` (in memory) or in the file from `merged.start`.
  private var merged: (start: Int, count: Int)?
  private var sealed = false
  private var cursor = 0
  private var cache = BlockCache()
  static let blockRecords = 1_024

  /// The number of rows added.
  public private(set) var count = 0
  /// Whether rows went to the scratch file.
  public var spilled: Bool { !runs.isEmpty }

  public init(byCustomer: Bool, chunkRows: Int = 131_072) {
    self.byCustomer = byCustomer
    self.chunkRows = max(1, chunkRows)
    chunk.reserveCapacity(min(self.chunkRows, 65_536))
  }

  deinit { if fd >= 0 { close(fd) } }

  public func add(_ row: TrustedRow<StepTrainerReading>) throws(ZoneError) {
    precondition(!sealed, "rows added to a sealed join index")
    let reading = row.row
    let serial: Int32
    if let known = serialIDs[reading.serialNumber] {
      serial = known
    } else {
      serial = Int32(serials.count)
      serials.append(reading.serialNumber)
      serialIDs[reading.serialNumber] = serial
    }
    let customer = row.admitted.customer?.value ?? -1
    let (isReal, distance): (UInt8, UInt64) = switch reading.distanceFromObject {
    case .integer(let value): (0, UInt64(bitPattern: value))
    case .real(let value): (1, value.bitPattern)
    }
    chunk.append(Record(
      keyCustomer: byCustomer ? customer : -1, customer: customer, serial: serial, isReal: isReal,
      destination: UInt8(row.admitted.destination.code), time: reading.sensorReadingTime,
      distance: distance, file: row.file, line: row.line, digestHigh: row.digest.high,
      digestLow: row.digest.low))
    count += 1
    if chunk.count >= chunkRows { try spillChunk() }
  }

  /// Sorts the rows by key (rows of equal keys in the order they were added: by line).
  public func seal() throws(ZoneError) {
    precondition(!sealed, "join index sealed twice")
    sealed = true
    chunk.sort(by: <)
    guard spilled else { return }
    if !chunk.isEmpty { try spillChunk(sorted: true) }
    chunk = []
    merged = try merge()
  }

  /// Calls `body` for each row with this key, in the order they were added. The search starts
  /// where the last one ended and gallops from there (`GallopingSearch`).
  public func forEach(
    customer: CustomerIndex?, time: Int64, _ body: (TrustedRow<StepTrainerReading>) throws -> Void
  ) throws {
    precondition(sealed, "lookup in an unsealed join index")
    let wanted = (byCustomer ? (customer?.value ?? -1) : -1, time)
    let total = merged?.count ?? chunk.count
    var index = try GallopingSearch.lowerBound(count: total, near: cursor) { position in
      let record = try self.record(at: position)
      return (record.keyCustomer, record.time) < wanted
    }
    cursor = index
    while index < total {
      let record = try self.record(at: index)
      guard record.keyCustomer == wanted.0, record.time == wanted.1 else { break }
      try body(trustedRow(record))
      index += 1
    }
  }

  /// Calls `body` with every row, in key order.
  public func forEachRow(_ body: (TrustedRow<StepTrainerReading>) throws -> Void) throws {
    precondition(sealed, "rows of an unsealed join index")
    guard let merged else {
      for record in chunk { try body(trustedRow(record)) }
      return
    }
    var block: [Record] = []
    var start = 0
    while start < merged.count {
      let length = min(Self.blockRecords * 16, merged.count - start)
      try read(&block, from: merged.start + start, count: length)
      for record in block { try body(trustedRow(record)) }
      start += length
    }
  }

  // MARK: records

  private func trustedRow(_ record: Record) -> TrustedRow<StepTrainerReading> {
    let reading = StepTrainerReading(
      sensorReadingTime: record.time, serialNumber: serials[Int(record.serial)],
      distanceFromObject: record.isReal == 0
        ? .integer(Int64(bitPattern: record.distance)) : .real(Double(bitPattern: record.distance)))
    let admitted = Admitted(
      reading, into: TableID(code: Int(record.destination)) ?? .stepTrainerTrusted,
      customer: record.customer >= 0 ? CustomerIndex(Int(record.customer)) : nil)
    return TrustedRow(
      admitted: admitted, file: record.file, line: record.line,
      digest: Digest128(high: record.digestHigh, low: record.digestLow))
  }

  private func record(at index: Int) throws(ZoneError) -> Record {
    guard let merged else { return chunk[index] }
    let block = index / Self.blockRecords
    let offset = index % Self.blockRecords
    if let hit = cache.block(block) { return hit[offset] }
    var loaded: [Record] = []
    let start = block * Self.blockRecords
    try read(&loaded, from: merged.start + start, count: min(Self.blockRecords, merged.count - start))
    cache.insert(block, loaded)
    return loaded[offset]
  }

  // MARK: the scratch file

  private func spillChunk(sorted: Bool = false) throws(ZoneError) {
    if fd < 0 { fd = try Self.openScratch() }
    if !sorted { chunk.sort(by: <) }
    try write(chunk, at: fileRecords)
    runs.append((fileRecords, chunk.count))
    fileRecords += chunk.count
    chunk.removeAll(keepingCapacity: true)
  }

  /// Merges the sorted runs into one sorted region after them.
  private func merge() throws(ZoneError) -> (start: Int, count: Int) {
    let start = fileRecords
    // 128 KiB of each run at a time: 11 MiB for the 84 runs of XL (11 M rows).
    let perRun = Self.blockRecords * 2
    var buffers = [[Record]](repeating: [], count: runs.count)
    var positions = [Int](repeating: 0, count: runs.count)
    var consumed = [Int](repeating: 0, count: runs.count)
    func refill(_ run: Int) throws(ZoneError) {
      let (first, total) = runs[run]
      let length = min(perRun, total - consumed[run])
      if length > 0 { try read(&buffers[run], from: first + consumed[run], count: length) } else { buffers[run] = [] }
      consumed[run] += length
      positions[run] = 0
    }
    // A binary min-heap of run numbers, ordered by each run's current record.
    var heap: [Int] = []
    for run in runs.indices {
      try refill(run)
      if !buffers[run].isEmpty { heap.append(run) }
    }
    func current(_ run: Int) -> Record { buffers[run][positions[run]] }
    func below(_ a: Int, _ b: Int) -> Bool { current(heap[a]) < current(heap[b]) }
    func siftDown(_ from: Int) {
      var parent = from
      while true {
        let left = 2 * parent + 1
        guard left < heap.count else { return }
        var smallest = left
        if left + 1 < heap.count, below(left + 1, left) { smallest = left + 1 }
        guard below(smallest, parent) else { return }
        heap.swapAt(smallest, parent)
        parent = smallest
      }
    }
    for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    var out: [Record] = []
    out.reserveCapacity(perRun)
    var written = 0
    while let run = heap.first {
      out.append(current(run))
      positions[run] += 1
      if positions[run] == buffers[run].count { try refill(run) }
      if buffers[run].isEmpty {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
      }
      if !heap.isEmpty { siftDown(0) }
      if out.count == perRun {
        try write(out, at: start + written)
        written += out.count
        out.removeAll(keepingCapacity: true)
      }
    }
    if !out.isEmpty {
      try write(out, at: start + written)
      written += out.count
    }
    fileRecords += written
    return (start, written)
  }

  private static func openScratch() throws(ZoneError) -> Int32 {
    let template = FileManager.default.temporaryDirectory
      .appendingPathComponent("stedi-audit-join-XXXXXX").path
    var path = Array(template.utf8CString)
    let fd = path.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw .io(path: "join scratch file", reason: String(cString: strerror(errno))) }
    // Gone from the directory at once: closed (or the process ends), its space is freed.
    _ = path.withUnsafeBufferPointer { unlink($0.baseAddress!) }
    return fd
  }

  private func write(_ records: [Record], at index: Int) throws(ZoneError) {
    let stride = MemoryLayout<Record>.stride
    let failed: Bool = records.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let written = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(index * stride + done))
        if written < 0 {
          if errno == EINTR { continue }
          return true
        }
        done += written
      }
      return false
    }
    if failed { throw .io(path: "join scratch file", reason: String(cString: strerror(errno))) }
  }

  private func read(_ records: inout [Record], from index: Int, count: Int) throws(ZoneError) {
    let stride = MemoryLayout<Record>.stride
    let empty = Record(
      keyCustomer: 0, customer: 0, serial: 0, isReal: 0, destination: 0, time: 0, distance: 0,
      file: 0, line: 0, digestHigh: 0, digestLow: 0)
    records = [Record](repeating: empty, count: count)
    let failed: Bool = records.withUnsafeMutableBytes { raw in
      var done = 0
      while done < raw.count {
        let got = pread(fd, raw.baseAddress! + done, raw.count - done, off_t(index * stride + done))
        if got < 0, errno == EINTR { continue }
        if got <= 0 { return true }
        done += got
      }
      return false
    }
    if failed { throw .io(path: "join scratch file", reason: "short read") }
  }

  /// The last few blocks read, most recent first.
  private struct BlockCache {
    private var entries: [(block: Int, records: [Record])] = []
    private let capacity = 16

    func block(_ number: Int) -> [Record]? {
      entries.first { $0.block == number }?.records
    }

    mutating func insert(_ number: Int, _ records: [Record]) {
      if entries.count == capacity { entries.removeLast() }
      entries.insert((number, records), at: 0)
    }
  }
}
