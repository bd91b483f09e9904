public import StediCore
public import StediPolicy

/// The phases that read landing files: they register each file, quarantine the lines that do
/// not parse and record each file's digest once read.
public protocol LandingIntake: ~Copyable {
  var policy: Policy { get }
  /// Registers a landing file about to be read; `path` is relative to the landing directory.
  func registerLanding(table: TableID, path: String) throws -> SourceFile
  /// Records a landing file's digest, size and number of rows once read.
  func completeLanding(_ file: SourceFile, sha256: String, bytes: Int64, rows: Int64) throws
  /// Quarantines a landing line that could not be parsed: writes it, with its reason, to the
  /// quarantine zone and records the movement.
  func quarantine(
    _ error: RowError, source: SourceFile, line: Int64, raw: UnsafeRawBufferPointer, digest: Digest128
  ) throws
}
