public import Foundation
public import StediCore

/// The landing files of a run: for each landing table, its JSON-lines files in name order.
///
/// A table is read from `<landing>/<source>/landing/` if that directory exists (the public
/// export's layout), else from `<landing>/<source>/`; files ending `.json`, `.jsonl` or
/// `.ndjson` are read as JSON lines, and `.parquet` files row by row (when the build reads
/// Parquet: `ParquetRows`), in byte order of their names.
public struct LandingSet: Sendable {
  /// A landing file and its path relative to the landing directory.
  public struct File: Hashable, Sendable {
    public var url: URL
    public var relativePath: String
    public var bytes: Int64
    /// How the file holds its rows (JSON lines, or Parquet).
    public var encoding: LineReader.Encoding = .plain
  }

  public let root: URL
  public let files: [TableID: [File]]

  /// Finds the landing files under `root`.
  ///
  /// - Throws: `CurationError.missingLanding` if a table's directory does not exist;
  ///   `CurationError.unreadable` for a Parquet file when the build does not read Parquet.
  public init(root: URL) throws(CurationError) {
    self.root = root
    var files: [TableID: [File]] = [:]
    let manager = FileManager.default
    for table in TableID.landings {
      let base = root.appendingPathComponent(table.sourceName)
      let nested = base.appendingPathComponent("landing")
      var isDirectory: ObjCBool = false
      let directory: URL
      let prefix: String
      if manager.fileExists(atPath: nested.path, isDirectory: &isDirectory), isDirectory.boolValue {
        directory = nested
        prefix = "\(table.sourceName)/landing/"
      } else if manager.fileExists(atPath: base.path, isDirectory: &isDirectory), isDirectory.boolValue {
        directory = base
        prefix = "\(table.sourceName)/"
      } else if manager.fileExists(atPath: base.path) {
        throw .unreadable(path: base.path, reason: "not a directory")
      } else {
        throw .missingLanding(path: base.path, table: table.rawValue)
      }
      let names: [String]
      do { names = try manager.contentsOfDirectory(atPath: directory.path) } catch {
        throw .unreadable(path: directory.path, reason: "cannot list directory")
      }
      let accepted = names.filter { name in
        !name.hasPrefix(".") && [".json", ".jsonl", ".ndjson", ".parquet"].contains { name.hasSuffix($0) }
      }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      var found: [File] = []
      for name in accepted {
        let url = directory.appendingPathComponent(name)
        let size = (try? manager.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        var file = File(url: url, relativePath: prefix + name, bytes: size)
        if name.hasSuffix(".parquet") {
          guard ParquetRows.isAvailable else {
            throw .unreadable(path: url.path, reason: "a Parquet file; " + ParquetRows.enableHint)
          }
          file.encoding = .parquet
        }
        found.append(file)
      }
      files[table] = found
    }
    self.files = files
  }

  /// The landing files of `table`.
  public func files(of table: TableID) -> [File] { files[table] ?? [] }

  /// The total size of the landing files.
  public var totalBytes: Int64 { files.values.joined().reduce(0) { $0 + $1.bytes } }
}
