import StediCore
import Testing

/// Readings decoded with one thread's scratch share one string per distinct email or serial,
/// and every value is still exactly the line's.
struct StringInternerTests {
  static func user(_ line: String, _ scratch: inout LineScratch) throws -> String {
    var bytes = Array(line.utf8)
    let result = bytes.withUnsafeMutableBytes {
      AccelerometerReading.decode(line: UnsafeRawBufferPointer($0), options: .standard, scratch: &scratch)
    }
    return try result.get().user
  }

  static func storage(_ string: String) -> UnsafeRawPointer? {
    var string = string
    return string.withUTF8 { UnsafeRawPointer($0.baseAddress) }
  }

  @Test func equalValuesShareOneStringAndDifferentOnesDoNot() throws {
    var scratch = LineScratch()
    let line = { (user: String) in #"{"user":"\#(user)","timestamp":1655564444103,"x":1,"y":-1,"z":0.5}"# }
    let first = try Self.user(line("someone.long.enough@example.com"), &scratch)
    let second = try Self.user(line("someone.long.enough@example.com"), &scratch)
    let other = try Self.user(line("someone.else.entirely@example.com"), &scratch)
    #expect(first == "someone.long.enough@example.com" && second == first)
    #expect(other == "someone.else.entirely@example.com")
    #expect(Self.storage(first) == Self.storage(second))
    #expect(Self.storage(first) != Self.storage(other))
    // Escapes are resolved, as without the interner.
    #expect(try Self.user(line(#"a\u0040b.example.com.and.more"#), &scratch) == "a@b.example.com.and.more")
    let long = String(repeating: "x", count: 80) + "@example.com"
    #expect(try Self.user(line(long), &scratch) == long)
  }

  @Test func manyDistinctValuesStayExact() throws {
    var scratch = LineScratch()
    // More distinct values than the table keeps: it starts afresh and stays correct.
    var wrong = 0
    for index in 0..<70_000 {
      let user = "customer-\(index % 50_000)@example.com"
      let line = #"{"user":"\#(user)","timestamp":1,"x":0,"y":0,"z":0}"#
      if try Self.user(line, &scratch) != user { wrong += 1 }
    }
    #expect(wrong == 0)
  }
}
