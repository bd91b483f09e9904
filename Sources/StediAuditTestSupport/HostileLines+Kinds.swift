/// The hostile kinds of line; each starts from a valid row (so that it carries planted
/// identities) and breaks one thing.
extension HostileLines {
  /// Every JSON type (and absence) for every field.
  func wrongTypes() -> [[UInt8]] {
    let values = [
      #""text""#, #""""#, #""123""#, #""1655564414415""#, "0", "-1", "7", "1.5", "1655564414415.0",
      "1655564414415.5", "1e3", "true", "false", "null", "[]", #"[1,"a"]"#, "{}", #"{"k":"v"}"#,
    ]
    var lines: [[UInt8]] = []
    for (index, field) in fields.enumerated() {
      let base = members(index)
      for value in values {
        lines.append(Self.object(Self.replacing(field, with: Self.raw(value), in: base)))
      }
      lines.append(Self.object(Self.replacing(field, with: nil, in: base)))
    }
    return lines
  }

  /// NaN, Infinity, leading zeros and signs, numbers past `Int64` and past `Double`, in every
  /// number field.
  func hostileNumbers() -> [[UInt8]] {
    let values = [
      "NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", "-01", ".5", "1.", "1e", "1e+", "-",
      "0x10",
      "1_000", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
      "-9223372036854775809", "18446744073709551616", "1e19", "1e400", "-1e400", "1e-400",
      "1" + String(repeating: "0", count: 400), "0." + String(repeating: "0", count: 400) + "1",
      "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "-0", "-0.0", "1E308",
      "1655564414415.000000000000000000001",
    ]
    var lines: [[UInt8]] = []
    for (index, field) in numberFields.enumerated() {
      let base = members(index + 3)
      for value in values {
        lines.append(Self.object(Self.replacing(field, with: Self.raw(value), in: base)))
      }
    }
    return lines
  }

  /// Invalid UTF-8 in the identity's string, between members, and in a key.
  func invalidUTF8() -> [[UInt8]] {
    let sequences: [[UInt8]] = [
      [0xFF], [0xFE], [0xC0, 0xAF], [0xC1, 0xBF], [0x80], [0xBF], [0xE0, 0x80, 0xAF],
      [0xED, 0xA0, 0x80],
      [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
      [0xF8, 0x88, 0x80, 0x80, 0x80],
      [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3],
    ]
    var lines: [[UInt8]] = []
    for (index, sequence) in sequences.enumerated() {
      let base = members(index)
      let email = PlantedIdentities.emails[index % PlantedIdentities.emails.count]
      lines.append(
        Self.object(
          Self.replacing(identityField, with: Self.string(email, inserting: sequence), in: base)))
      var between = Self.object(base)
      between.insert(contentsOf: sequence, at: between.count - 1)
      lines.append(between)
      lines.append(
        Self.object(base + [(key: "k", value: Self.raw("1"))]).replacingKey("k", with: sequence))
    }
    return lines
  }

  /// Raw NUL bytes inside a string, around and between members; an escaped NUL.
  func nulBytes() -> [[UInt8]] {
    let base = members(1)
    let line = Self.object(base)
    let email = PlantedIdentities.emails[1]
    return [
      Self.object(
        Self.replacing(identityField, with: Self.string(email, inserting: [0]), in: base)),
      [0] + line, line + [0], [0, 0, 0, 0],
      Self.object(Self.replacing(identityField, with: Self.raw(#""\#(email)\u0000""#), in: base)),
      Array(line[..<1]) + [0] + Array(line[1...]),
      Self.object(base + [(key: "nul\u{0}key", value: Self.raw("1"))]),
    ]
  }

  /// Arrays and objects nested 2 to 10,000 deep, as a member, as the identity and at the top.
  func deepNesting() -> [[UInt8]] {
    var lines: [[UInt8]] = []
    for depth in [2, 100, 511, 512, 513, 1000, 10_000] {
      let base = members(depth % 10)
      let arrays =
        Array(repeating: UInt8(ascii: "["), count: depth)
        + Array(repeating: UInt8(ascii: "]"), count: depth)
      let objects =
        Array(String(repeating: #"{"a":"#, count: depth).utf8) + [0x31]
        + Array(repeating: UInt8(ascii: "}"), count: depth)
      lines.append(Self.object(base + [(key: "nested", value: arrays)]))
      lines.append(Self.object(base + [(key: "nested", value: objects)]))
      lines.append(Self.object(Self.replacing(identityField, with: arrays, in: base)))
    }
    let open = Array(repeating: UInt8(ascii: "["), count: 10_000)
    lines.append(Self.object(members(4) + [(key: "nested", value: open)]))
    lines.append(open + Array(repeating: UInt8(ascii: "]"), count: 10_000))
    lines.append(Array(String(repeating: #"[{"a":"#, count: 5_000).utf8))
    return lines
  }

  /// Each field twice (same and different value), a key spelled with an escape, an unknown key
  /// twice.
  func duplicateKeys() -> [[UInt8]] {
    var lines: [[UInt8]] = []
    for (index, field) in fields.enumerated() {
      let base = members(index)
      let value = base.first { $0.key == field }?.value ?? []
      lines.append(Self.object(base + [(key: field, value: value)]))
      lines.append(
        Self.object(base + [(key: field, value: Self.string(PlantedIdentities.emails[9]))]))
    }
    let base = members(2)
    var escaped = Self.object(base)
    escaped.removeLast()
    escaped += Array(#","\u0065mail":"x@y.z","\#(identityField)\u0000":1}"#.utf8)
    lines.append(escaped)
    lines.append(
      Self.object(
        base + [(key: "extra", value: Self.raw("1")), (key: "extra", value: Self.raw("2"))]))
    return lines
  }

  /// A byte order mark before, inside and after the object; CR between members, raw inside a
  /// string, and at the end.
  func byteOrderMarksAndCarriageReturns() -> [[UInt8]] {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let base = members(5)
    let line = Self.object(base)
    let email = PlantedIdentities.emails[5]
    return [
      bom + line, line + bom, Array(line[..<1]) + bom + Array(line[1...]),
      Self.object(
        Self.replacing(identityField, with: Self.string(email, inserting: bom), in: base)),
      Self.object(base).replacingAll(0x2C, with: [0x0D, 0x2C, 0x0D]),
      Self.object(
        Self.replacing(identityField, with: Self.string(email, inserting: [0x0D]), in: base)),
      line + [0x0D], line + [0x0D, 0x0D],
    ]
  }

  /// Valid rows cut at random places.
  mutating func truncated(count: Int) -> [[UInt8]] {
    (0..<count).map { index in
      let line = Self.object(members(index))
      return Array(line[..<random.int(0...(line.count - 1))])
    }
  }

  /// Valid JSON that is not an object, and objects followed by more.
  func nonObjects() -> [[UInt8]] {
    let line = Self.object(members(6))
    let texts = [
      "[]", "[{}]", #""\#(PlantedIdentities.emails[6])""#, "42", "null", "true", "false", "-0.5",
      #""""#,
      "}{", "{}{}", "{} x", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}",
    ]
    return texts.map { Array($0.utf8) } + [
      [0x5B] + line + [0x5D], line + line, line + Array(",".utf8),
    ]
  }

  /// Keys in other letter cases (as catalogues that lower-case names write them), alone and
  /// next to the proper key.
  func keyCaseVariants() -> [[UInt8]] {
    let variants: [(String, String)] =
      switch table {
      case .customer:
        [
          ("serialNumber", "serialnumber"), ("email", "EMAIL"), ("email", "Email"),
          ("shareWithResearchAsOfDate", "sharewithresearchasofdate"),
          ("serialNumber", "SerialNumber"),
        ]
      case .accelerometer: [("user", "User"), ("timestamp", "TIMESTAMP")]
      case .stepTrainer:
        [
          ("serialNumber", "serialnumber"), ("sensorReadingTime", "sensorreadingtime"),
          ("distanceFromObject", "DistanceFromObject"),
        ]
      }
    var lines: [[UInt8]] = []
    for (index, (key, variant)) in variants.enumerated() {
      let base = members(index)
      let renamed = base.map { $0.key == key ? (key: variant, value: $0.value) : $0 }
      lines.append(Self.object(renamed))
      lines.append(
        Self.object(base + [(key: variant, value: base.first { $0.key == key }?.value ?? [])]))
    }
    return lines
  }

  /// Broken escapes and raw control characters in the identity's string; a fully escaped one.
  func badEscapes() -> [[UInt8]] {
    let base = members(7)
    let email = PlantedIdentities.emails[7]
    let inserts = [
      #"\ud800"#, #"\udc00"#, #"\udbff\udfff"#, #"\ud800\u0041"#, #"\u12"#, #"\x41"#, #"\'"#,
      #"\a"#,
      "\t", "\u{1F}", "\u{7F}", #"\"#,
    ]
    var lines = inserts.map { text in
      Self.object(
        Self.replacing(
          identityField, with: Self.string(email, inserting: Array(text.utf8)), in: base))
    }
    let escaped = email.unicodeScalars.map { scalar in
      scalar.value > 0xFFFF
        ? String(scalar)
        : "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
    }.joined()
    lines.append(
      Self.object(Self.replacing(identityField, with: Self.raw("\"\(escaped)\""), in: base)))
    return lines
  }
}

extension [UInt8] {
  /// The line with the first key `"key"` replaced by the raw bytes `bytes` in quotes.
  func replacingKey(_ key: String, with bytes: [UInt8]) -> [UInt8] {
    let needle = Array("\"\(key)\"".utf8)
    guard let start = indices.first(where: { self[$0...].starts(with: needle) }) else {
      return self
    }
    return Array(self[..<start]) + [0x22] + bytes + [0x22] + Array(self[(start + needle.count)...])
  }

  /// The line with every `byte` replaced by `bytes`.
  func replacingAll(_ byte: UInt8, with bytes: [UInt8]) -> [UInt8] {
    flatMap { $0 == byte ? bytes : [$0] }
  }
}
