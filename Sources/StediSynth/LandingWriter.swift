import Foundation
import StediCore

/// Writes one landing table as numbered JSON-lines files (`customer-0001.json`, …) of at most
/// `rowsPerFile` rows, through a large byte buffer flushed every few megabytes.
struct LandingWriter {
  /// Rows are composed straight into this buffer between `startRow()` and `endLine()`.
  var buffer: [UInt8] = []
  private let directory: URL
  private let prefix: String
  private let width: Int
  private let rowsPerFile: Int
  private let crlfFirstFile: Bool
  private var handle: FileHandle?
  private var path = ""
  private var crlf = false
  private var rowsInFile = 0
  private(set) var files = 0
  private(set) var rows = 0
  private(set) var blankLines = 0
  private(set) var bytes = 0
  /// Lower-cases the top-level keys of every row (``LandingForm/driftLowercaseKeys``).
  var lowercaseKeys = false
  /// Where the current row starts in `buffer`.
  private var rowStart = 0

  private static let flushSize = 4 << 20

  /// - Parameter expectedFiles: how many files the table will need; sets the number width so
  ///   that byte order of the names is file order.
  init(directory: URL, prefix: String, rowsPerFile: Int, expectedFiles: Int, crlfFirstFile: Bool) {
    self.directory = directory
    self.prefix = prefix
    self.rowsPerFile = rowsPerFile
    self.crlfFirstFile = crlfFirstFile
    width = max(4, String(max(expectedFiles, 1)).count)
    buffer.reserveCapacity(Self.flushSize + 64 * 1_024)
  }

  /// Opens the next file first when the current one is full.
  @inline(__always)
  mutating func startRow() throws(SynthError) {
    if handle == nil || rowsInFile >= rowsPerFile { try openNext() }
    rowStart = buffer.count
  }

  /// Ends the row composed into `buffer`.
  @inline(__always)
  mutating func endLine() throws(SynthError) {
    if lowercaseKeys { KeyCase.lowercaseTopLevelKeys(in: &buffer, from: rowStart) }
    if crlf { buffer.append(0x0D) }
    buffer.append(0x0A)
    rowsInFile += 1
    rows += 1
    if buffer.count >= Self.flushSize { try flush() }
  }

  /// A line that is not a row: empty or only white space.
  mutating func blankLine(_ content: StaticString) throws(SynthError) {
    if handle == nil { try openNext() }
    RowFormatter.append(content, to: &buffer)
    if crlf { buffer.append(0x0D) }
    buffer.append(0x0A)
    blankLines += 1
  }

  /// Flushes and closes; writes one empty file if the table has no rows, and one more empty
  /// file when `emptyFile` is set.
  mutating func finish(emptyFile: Bool) throws(SynthError) -> LandingTruth {
    if handle == nil { try openNext() }
    try close()
    if emptyFile {
      try openNext()
      try close()
    }
    return LandingTruth(files: files, rows: rows, blankLines: blankLines, bytes: bytes)
  }

  private mutating func openNext() throws(SynthError) {
    try close()
    let number = String(files + 1)
    let name =
      prefix + "-" + String(repeating: "0", count: max(0, width - number.count)) + number
      + ".json"
    path = directory.appendingPathComponent(name).path
    guard FileManager().createFile(atPath: path, contents: nil) else {
      throw .io(path: path, detail: "cannot create file")
    }
    guard let opened = FileHandle(forWritingAtPath: path) else {
      throw .io(path: path, detail: "cannot open file for writing")
    }
    handle = opened
    crlf = crlfFirstFile && files == 0
    files += 1
    rowsInFile = 0
  }

  private mutating func flush() throws(SynthError) {
    guard let handle, !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw .io(path: path, detail: "write failed: \(FileErrorReason.of(error))")
    }
    bytes += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }

  private mutating func close() throws(SynthError) {
    guard let current = handle else { return }
    try flush()
    do {
      try current.close()
    } catch {
      throw .io(path: path, detail: "close failed: \(FileErrorReason.of(error))")
    }
    handle = nil
  }
}
