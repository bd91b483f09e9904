/// The file format of a run's trusted and curated tables. Quarantine tables stay JSON lines in
/// every format: they keep the raw landing lines, which need not parse.
public enum OutputFormat: String, Sendable, Codable, CaseIterable {
  /// JSON lines (`part-00000.jsonl`), the default; a row's position is its line.
  case jsonl
  /// Parquet (`part-00000.parquet`, Snappy), an opt-in of the build (`ParquetRows`); a row's
  /// position is its 1-based row number.
  case parquet

  public var fileExtension: String { rawValue }

  /// Whether this build can write the format.
  public var isAvailable: Bool { self == .jsonl || ParquetRows.isAvailable }

  /// The format of a published table file, by its name.
  public init?(path: String) {
    guard let dot = path.lastIndex(of: ".") else { return nil }
    self.init(rawValue: String(path[path.index(after: dot)...]))
  }
}
