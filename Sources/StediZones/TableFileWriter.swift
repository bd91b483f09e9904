import Foundation
import StediCore
import StediKeys

/// Appends lines to one file of a run's staging directory, with large buffered writes, and
/// keeps its SHA-256, size and line count. Internal: only the guarded layer holds one.
///
/// A Parquet table is staged as JSON lines beside its file and written as Parquet when it is
/// finished; its SHA-256 and size are then the Parquet file's, its rows the staged lines.
final class TableFileWriter {
  /// The published file.
  let url: URL
  /// Where lines are appended: `url`, or the JSON-lines staging file of a Parquet table.
  private let lineURL: URL
  private let parquetColumns: [(name: String, type: ColumnType)]?
  /// The path relative to the run directory (as recorded in the audit log and the manifest).
  let relativePath: String
  let auditFileID: Int64
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var hasher = StreamingSHA256()
  private(set) var lines: Int64 = 0
  private(set) var bytes: Int64 = 0
  private static let flushThreshold = 1 << 20
  private let faults: WriteFaults?

  /// A writer of a new file at `url`, mode 0640; a `confidential` file (a quarantine table,
  /// which keeps raw landing lines) is mode 0600, and its directory and the zone directory
  /// above it are mode 0700.
  init(
    url: URL, relativePath: String, auditFileID: Int64, confidential: Bool = false,
    parquetColumns: [(name: String, type: ColumnType)]? = nil, faults: WriteFaults? = nil
  ) throws(ZoneError) {
    self.faults = faults
    self.url = url
    self.parquetColumns = parquetColumns
    lineURL = parquetColumns == nil ? url : url.appendingPathExtension("staging.jsonl")
    self.relativePath = relativePath
    self.auditFileID = auditFileID
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .io(path: url.path, reason: "cannot create directory")
    }
    let mode: mode_t = confidential ? 0o600 : 0o640
    if confidential {
      for folder in [directory, directory.deletingLastPathComponent()] {
        guard chmod(folder.path, 0o700) == 0 else {
          throw .io(path: folder.path, reason: String(cString: strerror(errno)))
        }
      }
    }
    fd = open(lineURL.path, O_WRONLY | O_CREAT | O_TRUNC, mode)
    guard fd >= 0 else { throw .io(path: lineURL.path, reason: String(cString: strerror(errno))) }
    // Set the mode explicitly: the umask may have narrowed it, and an old file kept its own.
    guard fchmod(fd, mode) == 0 else {  // deinit closes fd.
      throw .io(path: url.path, reason: String(cString: strerror(errno)))
    }
    buffer.reserveCapacity(Self.flushThreshold + 4096)
  }

  deinit { close(fd) }

  /// Appends one line (a newline is added); returns its 1-based line number.
  func append(_ line: [UInt8]) throws(ZoneError) -> Int64 {
    buffer.append(contentsOf: line)
    buffer.append(0x0a)
    lines += 1
    if buffer.count >= Self.flushThreshold { try flush() }
    return lines
  }

  private func flush() throws(ZoneError) {
    guard !buffer.isEmpty else { return }
    try faults?.check(url.path)
    let failed: Bool = buffer.withUnsafeBytes { raw in
      hasher.update(raw)
      var offset = 0
      while offset < raw.count {
        let written = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return true
        }
        offset += written
      }
      return false
    }
    if failed { throw .io(path: url.path, reason: String(cString: strerror(errno))) }
    bytes += Int64(buffer.count)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and syncs the file; returns its SHA-256 (hex).
  func finish() throws(ZoneError) -> String {
    try flush()
    try faults?.check(url.path)
    guard fsync(fd) == 0 else { throw .io(path: url.path, reason: String(cString: strerror(errno))) }
    guard let parquetColumns else { return hasher.finalizeHex() }
    return try writeParquet(parquetColumns)
  }

  /// Writes the staged lines as the Parquet file, syncs it, removes the staging file; returns the
  /// Parquet file's SHA-256.
  private func writeParquet(_ columns: [(name: String, type: ColumnType)]) throws(ZoneError) -> String {
    let rows: Int
    do {
      rows = try ParquetRows.write(jsonLines: lineURL.path, to: url.path, columns: columns)
    } catch {
      throw .io(path: url.path, reason: "cannot write Parquet: \(Self.reason(error))")
    }
    guard rows == lines else {
      throw .io(path: url.path, reason: "Parquet file holds \(rows) rows of \(lines) staged")
    }
    let written = open(url.path, O_RDONLY)
    guard written >= 0 else { throw .io(path: url.path, reason: String(cString: strerror(errno))) }
    defer { close(written) }
    guard fchmod(written, 0o640) == 0, fsync(written) == 0 else {
      throw .io(path: url.path, reason: String(cString: strerror(errno)))
    }
    switch StreamingSHA256.ofFile(descriptor: written) {
    case .failure(let failure): throw .io(path: url.path, reason: failure.reason)
    case .success(let (sha256, size)):
      bytes = size
      unlink(lineURL.path)
      return sha256
    }
  }

  private static func reason(_ error: StediCoreError) -> String {
    switch error {
    case .cannotRead(_, let reason), .cannotWrite(_, let reason): reason
    }
  }
}
