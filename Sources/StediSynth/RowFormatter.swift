/// Byte-level JSON building blocks: no `String` per row, no allocation beyond the buffer.
enum RowFormatter {
  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  @inline(__always)
  static func append(_ text: StaticString, to bytes: inout [UInt8]) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// A decimal integer.
  static func appendInt(_ value: Int64, to bytes: inout [UInt8]) {
    var magnitude = value.magnitude
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var digits = 1
    var probe = magnitude
    while probe >= 10 {
      probe /= 10
      digits += 1
    }
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
    var index = start + digits - 1
    repeat {
      bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
      index -= 1
    } while magnitude > 0
  }

  /// A UUID in the canonical lower-case 8-4-4-4-12 form (without quotes).
  static func appendUUID(_ bits: UUIDBits, to bytes: inout [UInt8]) {
    for index in 0..<32 {
      if index == 8 || index == 12 || index == 16 || index == 20 {
        bytes.append(UInt8(ascii: "-"))
      }
      let word = index < 16 ? bits.high : bits.low
      let shift = UInt64(60 - (index % 16) * 4)
      bytes.append(hexDigits[Int(word >> shift & 0xF)])
    }
  }

  /// `First.Last<number>@test.com` in a letter-case variant (0 as is, 1 lower, 2 upper).
  static func appendEmail(
    first: Int, last: Int, number: Int, variant: UInt8, to bytes: inout [UInt8]
  ) {
    let form = Int(min(variant, 2))
    bytes.append(contentsOf: NameList.firstBytes[form][first])
    bytes.append(UInt8(ascii: "."))
    bytes.append(contentsOf: NameList.lastBytes[form][last])
    appendInt(Int64(number), to: &bytes)
    if form == 2 {
      append("@TEST.COM", to: &bytes)
    } else {
      append("@test.com", to: &bytes)
    }
  }

  /// A time, as an integer or as an integral float.
  @inline(__always)
  static func appendTime(_ time: Int64, float: Bool, to bytes: inout [UInt8]) {
    appendInt(time, to: &bytes)
    if float { append(".0", to: &bytes) }
  }
}
