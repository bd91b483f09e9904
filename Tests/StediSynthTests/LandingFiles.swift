import Foundation

/// The raw lines of a landing table, read back as `docs/semantics.md` describes: files in byte
/// order of their names, lines split at LF, a trailing CR removed, blank lines not rows.
struct LandingFiles {
  /// One row: its bytes, without the line end.
  var rows: [[UInt8]] = []
  var files = 0
  var blankLines = 0
  var bytes = 0
  /// Whether some line ended with CR LF.
  var sawCRLF = false
  /// Files without any byte.
  var emptyFiles = 0

  init(table directory: URL) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") || $0.hasSuffix(".ndjson") }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for name in names {
      let data = try Data(contentsOf: directory.appendingPathComponent(name))
      files += 1
      bytes += data.count
      if data.isEmpty { emptyFiles += 1 }
      var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
      if data.last == 0x0A || data.isEmpty { lines.removeLast() }
      for line in lines {
        var content = Array(line)
        if content.last == 0x0D {
          content.removeLast()
          sawCRLF = true
        }
        if content.allSatisfy({ [0x20, 0x09, 0x0B, 0x0C, 0x0D].contains($0) }) {
          blankLines += 1
        } else {
          rows.append(content)
        }
      }
    }
  }
}
