public import StediCore

/// One row movement between zones: the unit of lineage.
///
/// A row admitted from landing to trusted, excluded, or quarantined is one movement; a
/// machine-learning row is two (one per parent), both pointing at the same destination line.
public struct Movement: Hashable, Sendable {
  /// The file id (see `LineageWriter.registerFile`) and 1-based line of the source row.
  public var sourceFile: Int64
  public var sourceLine: Int64
  /// The row digest of the source line's bytes.
  public var sourceDigest: Digest128
  /// The table the row was (or would have been) moved to.
  public var destinationTable: TableID
  /// Where the row landed: an output file and line for admitted rows, a quarantine file and line
  /// for quarantined ones, nil for excluded ones.
  public var destinationFile: Int64?
  public var destinationLine: Int64?
  public var reason: ReasonCode
  /// The subject id of the customer's pseudonym (see `AuditLog.subjectID`), if attributable.
  public var subject: Int64?

  public init(
    sourceFile: Int64, sourceLine: Int64, sourceDigest: Digest128, destinationTable: TableID,
    destinationFile: Int64? = nil, destinationLine: Int64? = nil, reason: ReasonCode,
    subject: Int64?
  ) {
    self.sourceFile = sourceFile
    self.sourceLine = sourceLine
    self.sourceDigest = sourceDigest
    self.destinationTable = destinationTable
    self.destinationFile = destinationFile
    self.destinationLine = destinationLine
    self.reason = reason
    self.subject = subject
  }
}
