public import Foundation

/// A deterministic corpus of hostile landing data for the three landing tables: valid rows of
/// consenting customers (so that rows flow through to the curated tables), and for each table
/// every field with every JSON type, invalid UTF-8, NUL bytes, deep nesting (to 10,000 levels),
/// NaN, Infinity, numbers past `Int64` and past `Double`, duplicate keys, byte order marks,
/// truncated lines, non-object lines, key-case variants, emails with non-ASCII case, very long
/// strings and seeded byte mutations; framed into files with LF, CRLF, a BOM, blank lines, no
/// final newline, and empty or white-space-only files. Identities are the planted ones of
/// ``PlantedIdentities``.
///
/// ```swift
/// let corpus = HostileCorpus(seed: 9)
/// let counts = try corpus.write(to: landing)   // non-blank lines per table
/// ```
public struct HostileCorpus: Sendable {
  /// A landing table, by its directory name.
  public enum Table: String, CaseIterable, Sendable {
    case customer, accelerometer
    case stepTrainer = "step_trainer"
  }

  /// One landing file.
  public struct File: Sendable {
    public var table: Table
    public var name: String
    public var bytes: [UInt8]
  }

  /// The hostile lines of each table (no line holds an LF), before framing into files.
  public let lines: [Table: [[UInt8]]]
  /// The landing files.
  public let files: [File]

  /// A corpus for `seed`; `longString` is the length of the very long strings.
  public init(seed: UInt64, longString: Int = 1 << 20) {
    var lines: [Table: [[UInt8]]] = [:]
    var files: [File] = []
    for (index, table) in Table.allCases.enumerated() {
      var maker = HostileLines(
        table: table, seed: seed &+ UInt64(index) &* 0x9E37, longString: longString)
      let made = maker.all()
      lines[table] = made
      files += HostileFraming.files(of: table, lines: made, seed: seed &+ UInt64(index))
    }
    self.lines = lines
    self.files = files
  }

  /// The number of hostile lines of all tables.
  public var lineCount: Int { lines.values.reduce(0) { $0 + $1.count } }

  /// Writes the files as `<landing>/<table>/<name>`.
  ///
  /// - Returns: the non-blank lines per table, counted independently of the reader under test.
  @discardableResult
  public func write(to landing: URL) throws -> [Table: Int] {
    var counts: [Table: Int] = [:]
    for table in Table.allCases {
      try FileManager.default.createDirectory(
        at: landing.appendingPathComponent(table.rawValue), withIntermediateDirectories: true)
      counts[table] = 0
    }
    for file in files {
      let url = landing.appendingPathComponent(file.table.rawValue).appendingPathComponent(
        file.name)
      try Data(file.bytes).write(to: url)
      counts[file.table, default: 0] += Self.nonBlankLines(in: file.bytes)
    }
    return counts
  }

  /// The lines of `bytes` that are rows: lines end at LF, and a line of only space, tab and CR
  /// (or nothing) is blank; a last line without LF counts.
  public static func nonBlankLines(in bytes: [UInt8]) -> Int {
    var count = 0
    var blank = true
    var any = false
    for byte in bytes {
      if byte == 0x0A {
        if !blank { count += 1 }
        blank = true
        any = false
        continue
      }
      any = true
      if byte != 0x20 && byte != 0x09 && byte != 0x0D { blank = false }
    }
    if any && !blank { count += 1 }
    return count
  }
}
