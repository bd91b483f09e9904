/// Makes the hostile lines of one landing table for ``HostileCorpus``: valid rows first, then
/// each hostile kind in turn (see `HostileLines+Kinds.swift`). Deterministic for a seed.
struct HostileLines {
  /// One member: its key and its value as raw JSON bytes.
  typealias Member = (key: String, value: [UInt8])

  let table: HostileCorpus.Table
  var random: SeededRandom
  let longString: Int

  init(table: HostileCorpus.Table, seed: UInt64, longString: Int) {
    self.table = table
    random = SeededRandom(seed: seed)
    self.longString = longString
  }

  /// Every line of the table, in a fixed order.
  mutating func all() -> [[UInt8]] {
    var lines = validLines()
    lines += wrongTypes()
    lines += hostileNumbers()
    lines += invalidUTF8()
    lines += nulBytes()
    lines += deepNesting()
    lines += duplicateKeys()
    lines += byteOrderMarksAndCarriageReturns()
    lines += truncated(count: 30)
    lines += nonObjects()
    lines += keyCaseVariants()
    lines += badEscapes()
    lines += longStrings()
    lines += mutations(count: 300)
    return lines
  }

  // MARK: Valid rows

  static let baseTime: Int64 = 1_655_200_000_000

  /// The fields of the table, in schema order.
  var fields: [String] { members(0).map(\.key) }

  /// The fields whose values are numbers.
  var numberFields: [String] {
    switch table {
    case .customer:
      [
        "registrationDate", "lastUpdateDate", "shareWithResearchAsOfDate",
        "shareWithPublicAsOfDate",
        "shareWithFriendsAsOfDate",
      ]
    case .accelerometer: ["timestamp", "x", "y", "z"]
    case .stepTrainer: ["sensorReadingTime", "distanceFromObject"]
    }
  }

  /// The string field that holds an identity (or the serial number of a step-trainer reading).
  var identityField: String {
    switch table {
    case .customer: "email"
    case .accelerometer: "user"
    case .stepTrainer: "serialNumber"
    }
  }

  /// The members of the valid row `index`: customers of the planted emails (most consenting),
  /// and readings of them after their consent.
  func members(_ index: Int) -> [Member] {
    let emails = PlantedIdentities.emails
    var person = index % emails.count
    switch table {
    case .customer:
      // Rows 10 and on repeat the customers with their emails in other letter cases.
      if index >= emails.count { person = index % (2 * emails.count) / 2 }
      let consent = person % 4 == 3 ? "null" : String(Self.baseTime - 100_000_000)
      return [
        (
          "customerName",
          Self.string(PlantedIdentities.names[person % PlantedIdentities.names.count])
        ),
        (
          "email",
          Self.string(
            index < emails.count
              ? emails[person] : PlantedIdentities.emailVariants[index % (2 * emails.count)])
        ),
        ("phone", Self.string(PlantedIdentities.phones[person % PlantedIdentities.phones.count])),
        (
          "birthDay",
          Self.string(PlantedIdentities.birthdays[person % PlantedIdentities.birthdays.count])
        ),
        ("serialNumber", Self.string("SN-\(person)-zz")),
        ("registrationDate", Self.raw(String(Self.baseTime - 200_000_000 + Int64(index)))),
        ("lastUpdateDate", Self.raw(String(Self.baseTime - 150_000_000 + Int64(index)))),
        ("shareWithResearchAsOfDate", Self.raw(consent)),
        ("shareWithPublicAsOfDate", Self.raw(String(Self.baseTime - 50_000_000))),
        ("shareWithFriendsAsOfDate", Self.raw("null")),
      ]
    case .accelerometer:
      let user =
        index % 3 == 0
        ? emails[person] : PlantedIdentities.emailVariants[index % (2 * emails.count)]
      return [
        ("user", Self.string(user)),
        ("timestamp", Self.raw(String(Self.baseTime + Int64(index) * 1000))),
        ("x", Self.raw("-0.\(index)")), ("y", Self.raw("1.5e-\(index % 9 + 1)")),
        ("z", Self.raw("\(index)")),
      ]
    case .stepTrainer:
      return [
        ("sensorReadingTime", Self.raw(String(Self.baseTime + Int64(index) * 1000))),
        ("serialNumber", Self.string("SN-\(person)-zz")),
        ("distanceFromObject", Self.raw("\(10 + index)")),
      ]
    }
  }

  /// Valid rows: the planted customers (then their emails in other letter cases, as
  /// case-insensitive duplicates), and readings of them.
  func validLines() -> [[UInt8]] {
    (0..<30).map { Self.object(members($0)) }
  }

  // MARK: Writing JSON

  /// `{"key":value,...}`.
  static func object(_ members: [Member]) -> [UInt8] {
    var bytes: [UInt8] = [0x7B]
    for (index, member) in members.enumerated() {
      if index > 0 { bytes.append(0x2C) }
      bytes += string(member.key) + [0x3A] + member.value
    }
    bytes.append(0x7D)
    return bytes
  }

  /// The members of `base` with `key`'s value replaced (or removed if `value` is nil).
  static func replacing(_ key: String, with value: [UInt8]?, in base: [Member]) -> [Member] {
    base.compactMap { member in
      guard member.key == key else { return member }
      return value.map { (key, $0) }
    }
  }

  static func raw(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// A JSON string literal of `text`.
  static func string(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = [0x22]
    for byte in text.utf8 {
      switch byte {
      case 0x22: bytes += [0x5C, 0x22]
      case 0x5C: bytes += [0x5C, 0x5C]
      case 0x00..<0x20:
        bytes += Array("\\u00\(byte < 16 ? "0" : "")\(String(byte, radix: 16))".utf8)
      default: bytes.append(byte)
      }
    }
    bytes.append(0x22)
    return bytes
  }

  /// `value` as a string literal with `bytes` inserted in its middle (raw, unescaped).
  static func string(_ value: String, inserting bytes: [UInt8]) -> [UInt8] {
    let utf8 = Array(value.utf8)
    let middle = utf8.count / 2
    return [0x22] + utf8[..<middle] + bytes + utf8[middle...] + [0x22]
  }
}
