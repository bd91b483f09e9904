import StediCore

/// A landing line parsed on the reading thread: its number, row digest and record (or why it
/// could not be parsed, with a copy of its bytes for the quarantine).
struct ParsedRow<Record: Sendable>: Sendable {
  var line: Int64
  var digest: Digest128
  var record: Record?
  var error: RowError?
  /// The line's bytes, kept only for rows that failed to parse.
  var raw: [UInt8]
}

/// What the reading thread sends the deciding thread, in order.
enum ReadEvent<Record: Sendable>: Sendable {
  case fileStarted(LandingSet.File)
  /// Rows, and the bytes of the file read so far.
  case rows([ParsedRow<Record>], bytesRead: Int64)
  /// A file read to its end, with the type-drift rules applied to its accepted rows.
  case fileFinished(sha256: String, bytes: Int64, rows: Int64, coercions: CoercionTally)
}
