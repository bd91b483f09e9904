import Foundation
import StediCore

/// The data files of one table written by another tool (Spark, Glue, DuckDB), as `check
/// --curated` reads them: every file under `<table>/`, partition folders (`key=value/`)
/// included, in path order; Spark's and Hadoop's side files skipped, each with why.
///
/// Read as JSON lines: `*.json`, `*.jsonl`, `*.ndjson` and files without an extension (Glue
/// DynamicFrame output, `run-1769972270045-part-r-00000`), gzip-compressed or not (by their first
/// bytes, so `part-00000.json.gz` and a compressed file without an extension both read); and
/// `*.parquet` (`part-00000-….snappy.parquet`) when the build reads Parquet, row by row.
struct ExternalTableFiles {
  struct DataFile {
    var url: URL
    /// `<table>/<path inside the table>`.
    var displayPath: String
    var encoding: LineReader.Encoding
  }

  struct Skipped: Hashable {
    /// `<table>/<path inside the table>`.
    var path: String
    var why: String
  }

  var files: [DataFile] = []
  var skipped: [Skipped] = []

  /// The extensions read as JSON lines (a `.gz` after them is allowed).
  static let jsonExtensions: Set<String> = ["json", "jsonl", "ndjson"]

  init(table: String, directory: URL) {
    scan(directory, relative: table)
  }

  private mutating func scan(_ directory: URL, relative: String) {
    let manager = FileManager.default
    let names = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    for name in names {
      let url = directory.appendingPathComponent(name)
      let path = "\(relative)/\(name)"
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
      if isDirectory.boolValue {
        if name.hasPrefix("_") || name.hasPrefix(".") {
          skipped.append(Skipped(path: path + "/", why: "a hidden or temporary folder"))
        } else {
          scan(url, relative: path)
        }
        continue
      }
      if let why = Self.skipReason(name) {
        skipped.append(Skipped(path: path, why: why))
      } else {
        files.append(DataFile(url: url, displayPath: path, encoding: .of(path: url.path)))
      }
    }
  }

  /// Why a file is not read, or nil if it is read as JSON lines.
  static func skipReason(_ name: String) -> String? {
    if name == "_SUCCESS" || name.hasPrefix("_") { return "a job marker or metadata file" }
    if name.hasPrefix(".") || name.hasSuffix(".crc") { return "a hidden or checksum file" }
    var parts = name.split(separator: ".", omittingEmptySubsequences: false).map { $0.lowercased() }
    if parts.count > 1, parts.last == "gz" { parts.removeLast() }
    guard parts.count > 1, let last = parts.last else { return nil }  // No extension: Glue output.
    if jsonExtensions.contains(last) { return nil }
    switch last {
    case "parquet": return ParquetRows.isAvailable ? nil : "Parquet, which this build does not read (\(ParquetRows.enableHint))"
    case "orc", "avro", "csv", "txt", "snappy": return "a .\(last) file, not JSON lines"
    default:
      // Spark's part names have no extension but may carry dots in a job id; only a short
      // alphabetic suffix is taken for an extension.
      return last.count <= 8 && last.allSatisfy(\.isLetter) ? "a .\(last) file, not JSON lines" : nil
    }
  }
}
