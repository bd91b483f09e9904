public import StediCore
public import StediPolicy

/// A row the guarded layer wrote to a trusted table: the admitted row and where it is.
/// Only the guarded layer makes them; curation jobs pass them back to curate or join them.
public struct TrustedRow<Row: Sendable>: Sendable {
  public let admitted: Admitted<Row>
  /// The audit log's id of the trusted file, and the row's 1-based line in it.
  public let file: Int64
  public let line: Int64
  /// The row digest of the landing line the row came from: movements out of a trusted row carry
  /// the digest of its origin (the trusted file itself is covered by its SHA-256).
  public let digest: Digest128

  init(admitted: Admitted<Row>, file: Int64, line: Int64, digest: Digest128) {
    self.admitted = admitted
    self.file = file
    self.line = line
    self.digest = digest
  }

  /// Inlinable, so that a join reading a row's key in another module borrows it instead of
  /// getting a copy (a retain and release of its strings) from a call.
  @inlinable public var row: Row { admitted.row }
}

/// A landing file registered in the audit log.
public struct SourceFile: Hashable, Sendable {
  public let id: Int64
  public let table: TableID
  /// The path relative to the landing directory.
  public let path: String

  init(id: Int64, table: TableID, path: String) {
    self.id = id
    self.table = table
    self.path = path
  }
}
