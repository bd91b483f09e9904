import StediCore
import Testing

struct FlatJSONScannerTests {
  @Test func handsOutTopLevelMembers() throws {
    let line =
      #" { "a" : 1 ,"b":"x\ty\u00e9\ud83d\ude00", "c":null,"d":true,"e":false,"#
      + #""f":[1,{"g":[]}],"h":{"i":{}} } "#
    let members = try TestLines.members(line).get()
    #expect(
      members == [
        "a": "number:1", "b": "string:x\ty\u{e9}\u{1F600}", "c": "null", "d": "bool:true",
        "e": "bool:false", "f": "array", "h": "object",
      ])
  }

  @Test func escapedKeysAreUnescaped() throws {
    let members = try TestLines.members(#"{"\u0065mail":1,"a\"b":2,"\/":3,"\\":4}"#).get()
    #expect(
      members == ["email": "number:1", "a\"b": "number:2", "/": "number:3", "\\": "number:4"])
  }

  @Test func emptyObject() throws {
    #expect(try TestLines.members("{}").get().isEmpty)
    #expect(try TestLines.members(" \t{ \r\n }\r ").get().isEmpty)
  }

  @Test(arguments: [
    "[1,2]", "[]", "\"text\"", "42", "-0.5", "null", "true", "false", " [ {\"a\":1} ] ",
  ])
  func validNonObjects(text: String) {
    #expect(TestLines.validate(text) == .notAnObject)
  }

  @Test(arguments: [
    // Structure.
    "", " ", "{", "}", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\":1}}", "{\"a\":1} x",
    "{\"a\":1}{}", "{,}", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\":[1,]}",
    "{\"a\":[1 2]}", "{\"a\":[,1]}", "{\"a\":{\"b\"}}", "{\"a\":{\"b\":1,}}", "[1,2", "[1,2]]",
    "\"abc", "{\"a\":1 \"b\":2}", "{\"a\"::1}", "{\"a\":}", "{\"a\":1}\u{0C}", "\u{FEFF}{}",
    "{\"a\":1}\u{0}", "{\"a\":\u{A0}1}",
    // Literals.
    "{\"a\":tru}", "{\"a\":True}", "{\"a\":nul}", "{\"a\":nulll}", "{\"a\":falsy}", "{\"a\":NaN}",
    "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":undefined}",
    // Numbers.
    "{\"a\":01}", "{\"a\":-01}", "{\"a\":00}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}",
    "{\"a\":-}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":1E-}", "{\"a\":1.e5}", "{\"a\":0x10}",
    "{\"a\":1.5.3}", "{\"a\":--1}", "{\"a\":1f}",
    // Strings.
    "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\U0041\"}",
    "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}",
    "{\"a\":\"\\ud800x\"}", "{\"a\":\"\\ud800\\ud800\"}", "{\"a\":\"\\udfff\\ud800\"}",
    "{\"a\":\"tab\there\"}", "{\"a\":\"new\nline\"}", "{\"a\":\"\u{1F}\"}", "{\"a\":\"\\\"}",
    "{\"\\x\":1}", "{\"\\ud800\":1}",
  ])
  func malformed(text: String) {
    guard case .malformed = TestLines.validate(text) else {
      Issue.record("accepted: \(text.debugDescription)")
      return
    }
  }

  @Test(
    arguments: [
      [0xFF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
      [0xF4, 0x90, 0x80, 0x80],
      [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xC3, 0x28],
      [0xF8, 0x88, 0x80, 0x80, 0x80],
    ] as [[UInt8]])
  func invalidUTF8InStringsIsMalformed(sequence: [UInt8]) {
    let line = Array("{\"a\":\"x".utf8) + sequence + Array("y\"}".utf8)
    #expect(TestLines.validate(line) == .malformed(offset: 7, problem: .invalidUTF8))
    let key = Array("{\"".utf8) + sequence + Array("\":1}".utf8)
    #expect(TestLines.validate(key) == .malformed(offset: 2, problem: .invalidUTF8))
  }

  @Test(
    arguments: [
      [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
      [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    ] as [[UInt8]])
  func validUTF8InStrings(sequence: [UInt8]) {
    // Placed at every offset relative to the 8-byte fast path.
    for padding in 0..<9 {
      let line =
        Array("{\"a\":\"".utf8) + [UInt8](repeating: 0x61, count: padding) + sequence
        + Array("\"}".utf8)
      #expect(TestLines.validate(line) == nil)
    }
  }

  @Test func specialBytesAreFoundAtEveryOffset() {
    for padding in 0..<17 {
      let prefix = String(repeating: "a", count: padding)
      #expect(TestLines.validate("{\"k\":\"\(prefix)\\\"\(prefix)\"}") == nil)
      #expect(TestLines.validate("{\"k\":\"\(prefix)") != nil)
      #expect(TestLines.validate("{\"k\":\"\(prefix)\t\(prefix)\"}") != nil)
      #expect(TestLines.validate("{\"k\":\"\(prefix)\u{7F}\(prefix)\"}") == nil)
    }
  }

  @Test func reportsTheOffset() {
    #expect(TestLines.validate("{\"a\":01}") == .malformed(offset: 6, problem: .invalidObject))
    #expect(TestLines.validate("{\"a\":1} x") == .malformed(offset: 8, problem: .trailingContent))
    #expect(TestLines.validate("{\"a\":\"\\q\"}") == .malformed(offset: 7, problem: .invalidEscape))
    #expect(
      TestLines.validate("{\"a\":\"\\udc00\"}")
        == .malformed(offset: 6, problem: .unpairedSurrogate))
    #expect(TestLines.validate("") == .malformed(offset: 0, problem: .unexpectedEnd))
  }

  @Test func nestingIsLimitedLikeFoundation() {
    let depth = FlatJSONScanner.maximumDepth
    func nested(_ count: Int) -> String {
      "{\"a\":" + String(repeating: "[", count: count) + String(repeating: "]", count: count) + "}"
    }
    #expect(TestLines.validate(nested(depth - 1)) == nil)
    #expect(
      TestLines.validate(nested(depth)) == .malformed(offset: 5 + depth - 1, problem: .tooDeep))
    #expect(TestLines.validate(nested(100_000)) != nil)
  }

  @Test func stopsAfterTheObject() throws {
    try Array("{\"a\":1}".utf8).withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in
      var scanner = FlatJSONScanner(bytes)
      #expect(try scanner.nextMember() != nil)
      #expect(try scanner.nextMember() == nil)
      #expect(try scanner.nextMember() == nil)
    }
  }

  @Test func rawStringsExposeEscapes() throws {
    try Array(#"{"plain":"abc","escaped":"a\nb"}"#.utf8).withUnsafeBytes {
      (bytes: UnsafeRawBufferPointer) throws in
      var scanner = FlatJSONScanner(bytes)
      let first = try #require(try scanner.nextMember())
      #expect(!first.key.hasEscapes)
      guard case .string(let plain) = first.value else { throw Failure() }
      #expect(!plain.hasEscapes && Array(plain.bytes) == Array("abc".utf8))
      let second = try #require(try scanner.nextMember())
      guard case .string(let escaped) = second.value else { throw Failure() }
      #expect(escaped.hasEscapes && Array(escaped.bytes) == Array(#"a\nb"#.utf8))
      #expect(escaped.makeString() == "a\nb")
      #expect(escaped.withUnescapedBytes { Array($0) } == Array("a\nb".utf8))
    }
  }

  struct Failure: Error {}
}
