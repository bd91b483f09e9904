public import StediCore

/// Progress of a run, reported while landing tables are read.
public struct CurationProgress: Sendable {
  /// The landing table being read.
  public var table: TableID
  /// Bytes of all landing files read so far, and in all.
  public var bytesRead: Int64
  public var bytesTotal: Int64
  /// Rows of `table` read so far.
  public var rows: Int64
}
