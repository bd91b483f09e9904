/// Very long values, and seeded byte mutations of valid rows.
extension HostileLines {
  /// Strings, keys, numbers and white space of about ``longString`` bytes, and many members.
  func longStrings() -> [[UInt8]] {
    let base = members(8)
    let filler = String(repeating: "a", count: longString)
    let longEmail = "\(filler).Zqvplant.long@plant.test"
    let digits = String(repeating: "7", count: 100_000)
    let manyMembers = (0..<10_000).map { (key: "k\($0)", value: Self.raw("\($0)")) }
    var lines = [
      Self.object(Self.replacing(identityField, with: Self.string(longEmail), in: base)),
      Self.object(base + [(key: "note", value: Self.string(filler + " Zqvplant note"))]),
      Self.object(base + [(key: String(repeating: "K", count: 65_536), value: Self.raw("1"))]),
      Array(repeating: 0x20, count: longString) + Self.object(base),
      Self.object(base + manyMembers),
      Self.object(base + [(key: "big", value: Self.raw(digits))]),
      Self.object(base + [(key: "small", value: Self.raw("0." + digits))]),
    ]
    if let field = numberFields.first {
      lines.append(Self.object(Self.replacing(field, with: Self.raw(digits), in: base)))
    }
    if table == .customer {
      lines.append(
        Self.object(
          Self.replacing("customerName", with: Self.string(filler + " Zqvplant"), in: base)))
    }
    return lines
  }

  /// Seeded random byte mutations of valid rows: deletions, insertions of interesting bytes and
  /// tokens, replacements, truncation, duplicated slices; never an LF (that would split the
  /// line in two).
  mutating func mutations(count: Int) -> [[UInt8]] {
    let interesting: [UInt8] =
      Array(#"{}[]:,"\ -+.eE0123456789tfnu/"#.utf8) + [
        0x00, 0x09, 0x0D, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xFF,
      ]
    let tokens = ["NaN", "Infinity", "1e400", "\u{FEFF}", "[[[[[[[[", "\\ud800", "null", "\"\":"]
    return (0..<count).map { index in
      var bytes = Self.object(members(index))
      for _ in 0..<random.int(1...4) {
        let position = bytes.isEmpty ? 0 : random.int(0...(bytes.count - 1))
        switch random.int(0...6) {
        case 0 where !bytes.isEmpty: bytes.remove(at: position)
        case 1: bytes.insert(random.pick(interesting), at: position)
        case 2 where !bytes.isEmpty: bytes[position] = random.pick(interesting)
        case 3 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
        case 4: bytes.removeSubrange(position...)
        case 5 where !bytes.isEmpty:
          let end = min(bytes.count, position + random.int(1...8))
          bytes.insert(contentsOf: bytes[position..<end], at: position)
        default: bytes.insert(contentsOf: Array(random.pick(tokens).utf8), at: position)
        }
      }
      return bytes.map { $0 == 0x0A ? 0x20 : $0 }
    }
  }
}
