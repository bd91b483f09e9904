/// Frames a table's hostile lines into landing files: LF, CRLF, a leading byte order mark, blank
/// and white-space-only lines between rows, no final newline, mixed line ends; plus an empty
/// file, a white-space-only file, a file of only a BOM and one of only LFs.
enum HostileFraming {
  static let linesPerFile = 120

  static func files(
    of table: HostileCorpus.Table, lines: [[UInt8]], seed: UInt64
  ) -> [HostileCorpus.File] {
    var random = SeededRandom(seed: seed)
    var files: [HostileCorpus.File] = []
    var start = 0
    var number = 0
    while start < lines.count {
      let chunk = Array(lines[start..<min(lines.count, start + linesPerFile)])
      start += linesPerFile
      let style = number % 6
      var bytes: [UInt8] = style == 2 ? [0xEF, 0xBB, 0xBF] : []
      for (index, line) in chunk.enumerated() {
        bytes += line
        switch style {
        case 1: bytes += [0x0D, 0x0A]
        case 3:
          bytes += random.pick([
            [0x0A], [0x0A, 0x0A], [0x0A, 0x20, 0x09, 0x0A], [0x0A, 0x0D, 0x0A],
          ])
        case 4 where index == chunk.count - 1: break
        case 5: bytes += random.chance(0.5) ? [0x0D, 0x0A] : [0x0A]
        default: bytes.append(0x0A)
        }
      }
      let suffix = ["json", "jsonl", "ndjson"][number % 3]
      files.append(
        .init(table: table, name: "part-\(number)-style\(style).\(suffix)", bytes: bytes))
      number += 1
    }
    let special: [(String, [UInt8])] = [
      ("empty.json", []), ("whitespace.json", Array("  \n\t\n\r\n \t \r\n\n".utf8)),
      ("bom-only.json", [0xEF, 0xBB, 0xBF]), ("newlines.json", Array(repeating: 0x0A, count: 5)),
      ("crlf-blank.jsonl", Array("\r\n\r\n".utf8)),
    ]
    files += special.map { .init(table: table, name: $0.0, bytes: $0.1) }
    return files
  }
}
