import CZlib
public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a JSON-lines file line by line with plain `read(2)` calls into one reusable buffer, so
/// memory stays flat however large the file is (a line longer than the buffer grows it).
///
/// Lines end with LF; a trailing CR is removed; a last line without LF is a line; line numbers
/// count every line from 1, blank ones included (see ``isBlank(_:)``).
///
/// ```swift
/// let reader = LineReader(fileURL: url)
/// let byteCount = try reader.forEachLine { lineNumber, line in
///   if LineReader.isBlank(line) { return }
///   let result = AccelerometerReading.decode(line: line)
/// }
/// ```
public struct LineReader: Sendable {
  /// The default size of the read buffer: 4 MiB.
  public static let defaultBufferSize = 4 << 20

  /// The file's path.
  public let path: String
  /// The size of the read buffer, and of each read.
  public let bufferSize: Int
  /// How the file's bytes hold its lines.
  public let encoding: Encoding

  /// How a file holds JSON lines.
  public enum Encoding: Hashable, Sendable {
    case plain
    /// gzip-compressed: lines are those of the decompressed bytes, and `progress` counts
    /// decompressed bytes.
    case gzip
    /// Parquet: each row is a line, its JSON object (``ParquetRows``).
    case parquet

    /// The encoding of the file at `path`, by its first bytes (whatever its name).
    public static func of(path: String) -> Encoding {
      if LineReader.isGzip(path: path) { return .gzip }
      return ParquetRows.isParquet(path: path) ? .parquet : .plain
    }
  }

  var gzip: Bool { encoding == .gzip }

  /// A reader of the file at `path`, reading `bufferSize` bytes at a time.
  public init(path: String, bufferSize: Int = LineReader.defaultBufferSize, encoding: Encoding = .plain) {
    self.path = path
    self.bufferSize = max(1, bufferSize)
    self.encoding = encoding
  }

  /// A reader of the file at `fileURL`, reading `bufferSize` bytes at a time.
  public init(fileURL: URL, bufferSize: Int = LineReader.defaultBufferSize, encoding: Encoding = .plain) {
    self.init(path: fileURL.path, bufferSize: bufferSize, encoding: encoding)
  }

  /// Whether the file at `path` starts with the gzip magic bytes (whatever its name).
  public static func isGzip(path: String) -> Bool {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var magic: (UInt8, UInt8) = (0, 0)
    let count = withUnsafeMutableBytes(of: &magic) { read(descriptor, $0.baseAddress, 2) }
    return count == 2 && magic == (0x1F, 0x8B)
  }

  /// Calls `body` for every line of the file, in order.
  ///
  /// `body` gets the line's number (from 1) and its bytes without LF and trailing CR; the bytes
  /// are valid only during the call. `progress`, if given, gets the number of bytes read so far
  /// after every read; `chunk`, if given, gets every block of bytes as read (for a file digest).
  ///
  /// - Returns: the number of bytes read (the file's size).
  /// - Throws: ``StediCoreError/cannotRead(path:reason:)`` if the file can't be opened or read,
  ///   or any error `body` throws (which stops the reading).
  @discardableResult
  public func forEachLine(
    progress: ((_ bytesRead: Int) -> Void)? = nil,
    chunk: ((_ bytes: UnsafeRawBufferPointer) -> Void)? = nil,
    _ body: (_ lineNumber: Int, _ line: UnsafeRawBufferPointer) throws -> Void
  ) throws -> Int {
    if encoding == .parquet { return try forEachParquetRow(progress: progress, chunk: chunk, body) }
    let source = try Source(path: path, gzip: gzip)
    defer { source.finish() }
    var capacity = bufferSize
    var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var carried = 0  // Bytes of an unfinished line at the start of the buffer.
    var lineNumber = 0
    var bytesRead = 0
    while true {
      if carried == capacity {  // A line longer than the buffer: grow it.
        let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
        larger.copyMemory(from: buffer, byteCount: carried)
        buffer.deallocate()
        buffer = larger
        capacity *= 2
      }
      let count = source.next(buffer + carried, capacity - carried)
      if count < 0 {
        if !gzip && errno == EINTR { continue }
        throw gzip ? StediCoreError.cannotRead(path: path, reason: source.gzipError) : cannotRead(errno)
      }
      if count == 0 {
        // zlib reports a truncated or corrupt stream only once it ends.
        if source.endedInError { throw StediCoreError.cannotRead(path: path, reason: source.gzipError) }
        break
      }
      bytesRead += count
      chunk?(UnsafeRawBufferPointer(start: buffer + carried, count: count))
      progress?(bytesRead)
      let end = carried + count
      var lineStart = 0
      var searchStart = carried  // The carried bytes hold no LF.
      while let newline = memchr(buffer + searchStart, 0x0A, end - searchStart) {
        let lineEnd = newline - buffer
        lineNumber += 1
        try body(lineNumber, Self.line(buffer, from: lineStart, to: lineEnd))
        lineStart = lineEnd + 1
        searchStart = lineStart
      }
      carried = end - lineStart
      if lineStart > 0 && carried > 0 {
        memmove(buffer, buffer + lineStart, carried)
      }
    }
    if carried > 0 {
      lineNumber += 1
      try body(lineNumber, Self.line(buffer, from: 0, to: carried))
    }
    return bytesRead
  }

  /// A Parquet file's rows: its bytes go to `chunk` first (the file's digest), then its rows.
  private func forEachParquetRow(
    progress: ((_ bytesRead: Int) -> Void)?, chunk: ((_ bytes: UnsafeRawBufferPointer) -> Void)?,
    _ body: (_ lineNumber: Int, _ line: UnsafeRawBufferPointer) throws -> Void
  ) throws -> Int {
    var bytes = 0
    if chunk != nil || progress != nil {
      bytes = try LineReader(path: path, bufferSize: bufferSize).forEachChunk { block in
        chunk?(block)
      }
    }
    try ParquetRows.forEachRow(path: path, body)
    progress?(bytes)
    return bytes
  }

  /// Calls `body` with every block of the file's bytes; returns the file's size.
  private func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Void) throws -> Int {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw cannotRead(errno) }
    defer { close(descriptor) }
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 16)
    defer { buffer.deallocate() }
    var total = 0
    while true {
      let count = read(descriptor, buffer, bufferSize)
      if count < 0 {
        if errno == EINTR { continue }
        throw cannotRead(errno)
      }
      if count == 0 { return total }
      total += count
      body(UnsafeRawBufferPointer(start: buffer, count: count))
    }
  }

  /// Whether `line` is empty or only JSON white space (space, tab, CR, LF): not a row.
  public static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    for byte in line {
      switch byte {
      case 0x20, 0x09, 0x0D, 0x0A: continue
      default: return false
      }
    }
    return true
  }

  /// The bytes of `buffer[start..<end]` without a trailing CR.
  private static func line(
    _ buffer: UnsafeMutableRawPointer, from start: Int, to end: Int
  ) -> UnsafeRawBufferPointer {
    var end = end
    if end > start, buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D { end -= 1 }
    return UnsafeRawBufferPointer(start: buffer + start, count: end - start)
  }

  /// An open file: a descriptor read with `read(2)`, or a zlib stream.
  private struct Source {
    let descriptor: Int32
    let stream: gzFile?

    init(path: String, gzip: Bool) throws(StediCoreError) {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
      }
      guard gzip else {
        stream = nil
        return
      }
      // zlib takes the descriptor over (gzclose closes it).
      guard let opened = gzdopen(descriptor, "rb") else {
        close(descriptor)
        throw .cannotRead(path: path, reason: "cannot start gzip decompression")
      }
      stream = opened
    }

    func next(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
      guard let stream else { return read(descriptor, buffer, count) }
      return Int(gzread(stream, buffer, UInt32(min(count, Int(Int32.max)))))
    }

    /// Whether a gzip stream ended before its end (truncated) or held corrupt data.
    var endedInError: Bool {
      guard let stream else { return false }
      var code: Int32 = 0
      _ = gzerror(stream, &code)
      return code != Z_OK && code != Z_STREAM_END
    }

    /// zlib's reason for the last failed read, e.g. a truncated or corrupt gzip stream.
    var gzipError: String {
      guard let stream else { return "" }
      var code: Int32 = 0
      guard let message = gzerror(stream, &code) else { return "not a valid gzip stream" }
      let text = String(cString: message)
      return "not a valid gzip stream (\(text.isEmpty ? "error \(code)" : text))"
    }

    func finish() {
      if let stream { gzclose(stream) } else { close(descriptor) }
    }
  }

  private func cannotRead(_ code: Int32) -> StediCoreError {
    .cannotRead(path: path, reason: String(cString: strerror(code)))
  }
}
