/// Generates landing lines of each table with random formatting (white space, key order, escapes,
/// number forms, unknown nested fields), some of them breaking the schema, and random byte-level
/// mutations of them. Deterministic for a seed.
struct LineGenerator {
  enum Table: String, CaseIterable, Sendable {
    case customer, accelerometer, stepTrainer
  }

  private var random: SplitMix64

  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  // MARK: Lines

  /// A valid JSON line for `table`; most conform to the schema, some don't.
  mutating func line(for table: Table) -> [UInt8] {
    if random.chance(0.01) { return Array(nonObjectText().utf8) }
    var members: [(key: String, value: String)]
    switch table {
    case .customer: members = customerMembers()
    case .accelerometer: members = accelerometerMembers()
    case .stepTrainer: members = stepTrainerMembers()
    }
    for _ in 0..<(random.chance(0.2) ? Int.random(in: 1...3, using: &random) : 0) {
      let key = random.pick(["extraNote", "meta", "tags", "_id", "nested", "flag", "ratio"])
      if !members.contains(where: { $0.key == key }) {
        members.append((key, unknownValue(depth: 0)))
      }
    }
    if random.chance(0.05), !members.isEmpty {  // A schema violation: drop a field.
      members.remove(at: Int.random(in: 0..<members.count, using: &random))
    }
    members.shuffle(using: &random)
    var text = space() + "{" + space()
    for (index, member) in members.enumerated() {
      if index > 0 { text += space() + "," + space() }
      text += stringLiteral(member.key) + space() + ":" + space() + member.value
    }
    text += space() + "}" + space()
    return Array(text.utf8)
  }

  /// A random byte-level mutation of `line`: deletions, insertions, replacements, truncation or
  /// a duplicated slice.
  mutating func mutate(_ line: [UInt8]) -> [UInt8] {
    var bytes = line
    let interesting: [UInt8] =
      Array(#"{}[]:,"\ -+.eE0123456789tfnu/"#.utf8) + [
        0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF,
      ]
    for _ in 0..<Int.random(in: 1...3, using: &random) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<6, using: &random) {
      case 0 where !bytes.isEmpty:
        bytes.remove(at: position)
      case 1:
        bytes.insert(random.pick(interesting), at: position)
      case 2 where !bytes.isEmpty:
        bytes[position] = random.pick(interesting)
      case 3 where !bytes.isEmpty:
        bytes[position] = UInt8.random(in: 0...255, using: &random)
      case 4:
        bytes.removeSubrange(position...)
      case 5 where !bytes.isEmpty:
        let end = min(bytes.count, position + Int.random(in: 1...8, using: &random))
        bytes.insert(contentsOf: bytes[position..<end], at: position)
      default:
        bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
      }
    }
    return bytes
  }

  // MARK: Records

  private mutating func customerMembers() -> [(key: String, value: String)] {
    var members: [(key: String, value: String)] = [
      ("email", requiredString(email())),
      ("serialNumber", requiredString(serial())),
    ]
    let optionalStrings = [
      ("customerName", name()), ("phone", phone()),
      ("birthDay", "19\(random.pick(["7", "8"]))5-01-0\(random.pick(["1", "9"]))"),
    ]
    for (key, value) in optionalStrings where random.chance(0.85) {
      members.append((key, optionalString(value)))
    }
    for key in [
      "registrationDate", "lastUpdateDate", "shareWithResearchAsOfDate", "shareWithPublicAsOfDate",
      "shareWithFriendsAsOfDate",
    ] where random.chance(0.8) {
      members.append((key, random.chance(0.15) ? "null" : time()))
    }
    return members
  }

  private mutating func accelerometerMembers() -> [(key: String, value: String)] {
    [
      ("user", requiredString(email())), ("timestamp", requiredTime()), ("x", number()),
      ("y", number()), ("z", number()),
    ]
  }

  private mutating func stepTrainerMembers() -> [(key: String, value: String)] {
    [
      ("sensorReadingTime", requiredTime()), ("serialNumber", requiredString(serial())),
      ("distanceFromObject", number()),
    ]
  }

  // MARK: Values

  private mutating func email() -> String {
    let first = random.pick(["Ana", "José", "Spencer", "Li", "O'Neil", "Zoë", "Frank", "Émile"])
    let last = random.pick(["Lee", "Davis", "Müller", "Wang", "Smith", "Nguyễn", "Kim"])
    let domain = random.pick(["test.com", "example.org", "b.co"])
    let separator = random.chance(0.05) ? random.pick(["\"", "\\", "/", "\t", "\u{1}"]) : "."
    return "\(first)\(separator)\(last)@\(domain)"
  }

  private mutating func name() -> String {
    random.pick([
      "Ana Lee", "José Núñez", "李小龙", "Spencer \"Spence\" Davis", "Back\\slash", "tab\there",
      "emoji 😀 face", "line\nbreak", "", "a/b", "nul\u{0}char", "\u{7F}del",
    ])
  }

  private mutating func phone() -> String {
    let area = Int.random(in: 100...999, using: &random)
    return "\(area)-555-\(Int.random(in: 1000...9999, using: &random))"
  }

  private mutating func serial() -> String {
    let hex = String(UInt64.random(in: 0...UInt64.max, using: &random), radix: 16)
    return "\(hex.prefix(8))-\(hex.dropFirst(8).prefix(4))"
  }

  /// A required string field: usually the value, sometimes empty, null or another type.
  private mutating func requiredString(_ value: String) -> String {
    guard random.chance(0.06) else { return stringLiteral(value) }
    return random.pick(["\"\"", "null", "42", "true", "[]", "{}", "1.5"])
  }

  private mutating func optionalString(_ value: String) -> String {
    guard random.chance(0.1) else { return stringLiteral(value) }
    return random.pick(["null", "7", "false", "[\"a\"]"])
  }

  /// A time in many written forms; a few are not integral or not numbers.
  private mutating func time() -> String {
    let value = Int64.random(in: 1_600_000_000_000...1_700_000_000_000, using: &random)
    let digits = String(value)
    switch Int.random(in: 0..<14, using: &random) {
    case 0: return "\(digits).0"
    case 1: return "\(digits).000"
    case 2: return "\(digits.prefix(1)).\(digits.dropFirst())e12"
    case 3: return "\(digits.prefix(1)).\(digits.dropFirst())E+12"
    case 4: return "\(digits)0e-1"
    case 5: return "\(digits).5"
    case 6: return "1e30"
    case 7: return "\"\(digits)\""
    case 8: return random.pick(["true", "[]", "9223372036854775807", "-1"])
    case 9: return "-\(digits)"
    default: return digits
    }
  }

  private mutating func requiredTime() -> String {
    random.chance(0.03) ? "null" : time()
  }

  /// A number in many written forms; rarely not a number.
  private mutating func number() -> String {
    let sign = random.chance(0.4) ? "-" : ""
    switch Int.random(in: 0..<12, using: &random) {
    case 0, 1: return "\(sign)\(Int.random(in: 0...20, using: &random))"
    case 2: return "\(sign)\(Int.random(in: 0...1_000_000_000, using: &random))"
    case 3, 4, 5:
      let whole = Int.random(in: 0...3, using: &random)
      let fraction = Int.random(in: 0...999_999, using: &random)
      return "\(sign)\(whole).\(fraction)"
    case 6:
      let digit = Int.random(in: 1...9, using: &random)
      let fraction = Int.random(in: 0...99, using: &random)
      return "\(sign)\(digit).\(fraction)e-\(Int.random(in: 1...30, using: &random))"
    case 7:
      let digit = Int.random(in: 1...9, using: &random)
      return "\(sign)\(digit)E+\(Int.random(in: 0...300, using: &random))"
    case 8:
      let zeros = String(repeating: "0", count: Int.random(in: 0...20, using: &random))
      return "\(sign)0.\(zeros)\(Int.random(in: 1...99999, using: &random))"
    case 9: return "\(sign)\(Double.random(in: 0...10, using: &random))"
    case 10: return random.pick(["0.1", "0.30000000000000004", "9007199254740993", "1e22", "1e23"])
    default:
      return random.chance(0.3) ? random.pick(["\"1.5\"", "null", "true", "{}"]) : "\(sign)0.0"
    }
  }

  private mutating func unknownValue(depth: Int) -> String {
    switch Int.random(in: 0..<(depth < 3 ? 8 : 5), using: &random) {
    case 0: return "null"
    case 1: return random.pick(["true", "false"])
    case 2: return number()
    case 3: return stringLiteral(name())
    case 4: return "[]"
    case 5, 6:
      let count = Int.random(in: 0...3, using: &random)
      let elements = (0..<count).map { _ in unknownValue(depth: depth + 1) }
      return "[" + elements.joined(separator: "," + space()) + "]"
    default:
      let count = Int.random(in: 0...3, using: &random)
      let members = (0..<count).map { index in
        stringLiteral("k\(index)") + ":" + space() + unknownValue(depth: depth + 1)
      }
      return "{" + space() + members.joined(separator: ",") + "}"
    }
  }

  private mutating func nonObjectText() -> String {
    space()
      + random.pick(["[1,2]", "\"text\"", "42", "null", "true", "[{\"email\":\"a@b\"}]", "-0.5"])
      + space()
  }

  // MARK: Syntax

  /// JSON white space, usually none.
  private mutating func space() -> String {
    guard random.chance(0.25) else { return "" }
    return random.pick([" ", "  ", "\t", " \t ", "\r", "\n", " \r\n "])
  }

  /// A JSON string literal of `value`, with random (valid) escapes.
  private mutating func stringLiteral(_ value: String) -> String {
    var text = "\""
    let escapeRate = random.chance(0.2) ? 0.3 : 0.0
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += random.chance(0.5) ? "\\n" : "\\u000a"
      case "\t": text += random.chance(0.5) ? "\\t" : "\\u0009"
      case "\u{0}"..."\u{1F}": text += unicodeEscape(scalar.value)
      default:
        if random.chance(escapeRate) {
          text += scalar == "/" && random.chance(0.5) ? "\\/" : unicodeEscape(scalar.value)
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text + "\""
  }

  /// `\uXXXX`, or a surrogate pair of them, in random letter case.
  private mutating func unicodeEscape(_ value: UInt32) -> String {
    if value >= 0x10000 {
      let offset = value - 0x10000
      return unicodeEscape(0xD800 + (offset >> 10)) + unicodeEscape(0xDC00 + (offset & 0x3FF))
    }
    var hex = String(value, radix: 16)
    hex = String(repeating: "0", count: 4 - hex.count) + hex
    return "\\u" + (random.chance(0.5) ? hex.uppercased() : hex)
  }
}
