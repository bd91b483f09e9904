public import StediCore
public import StediPolicy

/// The phases that read landing files: they register each file, quarantine the lines that do
/// not parse and record each file's digest once read. The calls are the same in every such
/// phase; a phase provides them by exposing its `landing` files.
public protocol LandingIntake: ~Copyable {
  /// The run's landing files, as the layer records them.
  var landing: LandingFiles { get }
}

/// The landing-file calls of a run's guarded layer. Only the layer makes one.
public struct LandingFiles {
  let core: GuardedLayerCore
}

extension LandingIntake where Self: ~Copyable {
  public var policy: Policy { landing.core.policy }

  /// Registers a landing file about to be read; `path` is relative to the landing directory.
  public func registerLanding(table: TableID, path: String) throws -> SourceFile {
    try landing.core.registerLanding(table: table, path: path)
  }

  /// Records a landing file's digest, size and number of rows once read.
  public func completeLanding(_ file: SourceFile, sha256: String, bytes: Int64, rows: Int64) throws {
    try landing.core.completeLanding(file, sha256: sha256, bytes: bytes, rows: rows)
  }

  /// Quarantines a landing line that could not be parsed: writes it, with its reason, to the
  /// quarantine zone and records the movement.
  public func quarantine(
    _ error: RowError, source: SourceFile, line: Int64, raw: UnsafeRawBufferPointer, digest: Digest128
  ) throws {
    try landing.core.quarantine(error, source: source, line: line, raw: raw, digest: digest)
  }
}
