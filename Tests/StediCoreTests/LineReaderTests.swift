import Foundation
import StediAuditTestSupport
import StediCore
import Testing

struct LineReaderTests {
  /// A line as the reader hands it out.
  struct Line: Equatable, CustomStringConvertible {
    var number: Int
    var bytes: [UInt8]
    var description: String {
      "\(number): \(String(decoding: bytes, as: UTF8.self).debugDescription)"
    }
  }

  static func read(_ url: URL, bufferSize: Int = LineReader.defaultBufferSize) throws -> [Line] {
    var lines: [Line] = []
    try LineReader(fileURL: url, bufferSize: bufferSize).forEachLine { number, bytes in
      lines.append(Line(number: number, bytes: Array(bytes)))
    }
    return lines
  }

  /// The lines of `bytes` split in memory: the reference.
  static func split(_ bytes: [UInt8]) -> [Line] {
    var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if pieces.last?.isEmpty == true { pieces.removeLast() }  // After a final LF, or empty file.
    return pieces.enumerated().map { index, piece in
      Line(number: index + 1, bytes: piece.last == 0x0D ? Array(piece.dropLast()) : piece)
    }
  }

  @Test(arguments: [
    ("", [] as [String]),
    ("a", ["a"]),
    ("a\n", ["a"]),
    ("a\nb", ["a", "b"]),
    ("a\r\nb\r\n", ["a", "b"]),
    ("\n", [""]),
    ("\n\n", ["", ""]),
    ("a\n\n  \nb", ["a", "", "  ", "b"]),
    ("a\r", ["a"]),
    ("a\r\r\n", ["a\r"]),
    ("\r\n", [""]),
    ("a\rb\n", ["a\rb"]),
  ])
  func splitsLines(text: String, expected: [String]) throws {
    let directory = TemporaryDirectory("LineReaderTests")
    let file = try directory.file("lines.json", Array(text.utf8))
    let lines = try Self.read(file)
    #expect(lines.map(\.number) == expected.indices.map { $0 + 1 })
    #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == expected)
    #expect(try Self.read(file, bufferSize: 1) == lines)
  }

  @Test(arguments: [1, 2, 3, 7, 64, 4096])
  func chunkBoundariesDoNotMatter(bufferSize: Int) throws {
    let directory = TemporaryDirectory("LineReaderTests")
    var random = SplitMix64(seed: 42 + UInt64(bufferSize))
    for round in 0..<40 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...60, using: &random) {
        let length =
          random.chance(0.1)
          ? Int.random(in: 20...200, using: &random) : Int.random(in: 0...12, using: &random)
        bytes += (0..<length).map { _ in random.pick(Array("ab{}\" é".utf8) + [0x0D]) }
        bytes += random.chance(0.3) ? [0x0D, 0x0A] : [0x0A]
      }
      if random.chance(0.5), !bytes.isEmpty { bytes.removeLast() }  // No final newline.
      let file = try directory.file("round-\(round).json", bytes)
      #expect(try Self.read(file, bufferSize: bufferSize) == Self.split(bytes))
    }
  }

  @Test func lineLongerThanTheBuffer() throws {
    let directory = TemporaryDirectory("LineReaderTests")
    let long = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
    let bytes = Array("{}\n".utf8) + long + [0x0D, 0x0A] + Array("end".utf8)
    let file = try directory.file("long.json", bytes)
    let lines = try Self.read(file, bufferSize: 7)
    #expect(
      lines == [
        Line(number: 1, bytes: Array("{}".utf8)), Line(number: 2, bytes: long),
        Line(number: 3, bytes: Array("end".utf8)),
      ])
  }

  @Test func reportsBytesReadAndProgress() throws {
    let directory = TemporaryDirectory("LineReaderTests")
    let bytes = Array(String(repeating: "{\"a\":1}\n", count: 100).utf8)
    let file = try directory.file("progress.json", bytes)
    var reports: [Int] = []
    var count = 0
    let total = try LineReader(fileURL: file, bufferSize: 64).forEachLine(progress: {
      reports.append($0)
    }) { _, _ in count += 1 }
    #expect(total == bytes.count)
    #expect(count == 100)
    #expect(reports.last == bytes.count)
    #expect(reports == reports.sorted())
    #expect(reports.count >= bytes.count / 64)
  }

  @Test func errorFromTheBodyStopsReading() throws {
    struct Stop: Error {}
    let directory = TemporaryDirectory("LineReaderTests")
    let file = try directory.file("stop.json", Array("a\nb\nc\n".utf8))
    var seen: [Int] = []
    #expect(throws: Stop.self) {
      try LineReader(fileURL: file).forEachLine { number, _ in
        seen.append(number)
        if number == 2 { throw Stop() }
      }
    }
    #expect(seen == [1, 2])
  }

  @Test func missingFileThrowsNamingTheFile() throws {
    let directory = TemporaryDirectory("LineReaderTests")
    let missing = directory.url.appendingPathComponent("missing.json")
    #expect(
      throws: StediCoreError.cannotRead(path: missing.path, reason: "No such file or directory")
    ) {
      try LineReader(fileURL: missing).forEachLine { _, _ in }
    }
    let error = StediCoreError.cannotRead(path: missing.path, reason: "No such file or directory")
    #expect(error.localizedDescription.contains("missing.json"))
  }

  @Test func directoryThrows() throws {
    let directory = TemporaryDirectory("LineReaderTests")
    #expect(throws: StediCoreError.self) {
      try LineReader(fileURL: directory.url).forEachLine { _, _ in }
    }
  }

  @Test(arguments: [
    ("", true), (" ", true), ("\t \r", true), ("  \n", true), ("{}", false), (" x ", false),
    ("\u{0C}", false), ("\u{A0}", false),
  ])
  func blankLines(text: String, blank: Bool) {
    #expect(Array(text.utf8).withUnsafeBytes { LineReader.isBlank($0) } == blank)
  }
}
