/// What was written for one landing table.
public struct LandingTruth: Hashable, Sendable, Codable {
  /// Files written (the empty file planted with defects included).
  public var files: Int
  /// Rows: lines that are not blank (malformed ones included).
  public var rows: Int
  /// Lines that are empty or only white space (not rows).
  public var blankLines: Int
  /// Bytes written.
  public var bytes: Int

  public init(files: Int, rows: Int, blankLines: Int, bytes: Int) {
    self.files = files
    self.rows = rows
    self.blankLines = blankLines
    self.bytes = bytes
  }
}
