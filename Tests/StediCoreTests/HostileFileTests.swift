import Foundation
import StediAuditTestSupport
import StediCore
import Testing

/// The line reader on the hostile corpus's files (CRLF, a leading BOM, blank and
/// white-space-only lines, no final newline, empty files, lines of 1 MiB and more): with any
/// buffer size it hands out the same lines as an in-memory split, and its non-blank lines are
/// the rows the corpus counts. Its buffer grows only while one line is longer than it, so memory
/// per line is bounded by about twice the longest line (the 64 MiB line is a CLI test).
struct HostileFileTests {
  @Test(arguments: [1, 4_096, LineReader.defaultBufferSize])
  func theReaderSplitsEveryFileAsInMemory(bufferSize: Int) throws {
    let directory = TemporaryDirectory("HostileFileTests")
    let corpus = HostileCorpus(seed: 0xF11E_5EED, longString: 100_000)
    #expect(corpus.files.count > 20)
    for file in corpus.files {
      let url = try directory.file("\(file.table.rawValue)-\(file.name)", file.bytes)
      let lines = try LineReaderTests.read(url, bufferSize: bufferSize)
      #expect(lines == LineReaderTests.split(file.bytes), "\(file.name)")
      let rows = lines.filter { line in !line.bytes.withUnsafeBytes(LineReader.isBlank) }.count
      #expect(rows == HostileCorpus.nonBlankLines(in: file.bytes), "\(file.name)")
    }
  }
}
