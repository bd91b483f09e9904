import StediCore

/// Builds one JSON object as bytes, fields in the order they are added.
struct JSONLineBuilder {
  private(set) var bytes: [UInt8] = []
  private var first = true

  init() { bytes.reserveCapacity(512) }

  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    bytes.append(UInt8(ascii: "{"))
    first = true
  }

  mutating func finish() { bytes.append(UInt8(ascii: "}")) }

  private mutating func key(_ name: String) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    bytes.append(UInt8(ascii: "\""))
    appendUTF8(name)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  /// Appends a string's UTF-8 bytes with one copy where they are contiguous (column names are
  /// literals), instead of the generic path through its UTF-8 view.
  private mutating func appendUTF8(_ text: String) {
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
    if copied == nil { bytes.append(contentsOf: text.utf8) }
  }

  mutating func string(_ name: String, _ value: String?) {
    key(name)
    guard let value else { return appendNull() }
    appendString(value)
  }

  mutating func integer(_ name: String, _ value: Int64?) {
    key(name)
    guard let value else { return appendNull() }
    appendDigits(value)
  }

  mutating func number(_ name: String, _ value: JSONNumber) {
    key(name)
    switch value {
    case .integer(let integer):
      appendDigits(integer)
    case .real(let real):
      // Integral values below 1e15 print as "<digits>.0", exactly as `Double.description` does;
      // everything else goes through it.
      if real.isFinite, real.rounded(.towardZero) == real, abs(real) < 1e15, !(real == 0 && real.sign == .minus) {
        appendDigits(Int64(real))
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0"))
      } else {
        bytes.append(contentsOf: value.jsonText.utf8)
      }
    }
  }

  /// Appends the decimal digits of `value` without making a `String`.
  private mutating func appendDigits(_ value: Int64) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // Room for 20 digits, filled from the end.
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        count += 1
        buffer[24 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      // A contiguous buffer, copied at once (a slice would be copied byte by byte).
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
    }
  }

  private mutating func appendNull() { bytes.append(contentsOf: "null".utf8) }

  private static let hex = Array("0123456789abcdef".utf8)

  /// Appends a JSON string, escaping quotes, backslashes and control characters.
  mutating func appendString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    let plain = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
      guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
      bytes.append(contentsOf: utf8)
      return true
    }
    if plain == true {
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0a: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0d: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20:
        bytes.append(contentsOf: Array("\\u00".utf8))
        bytes.append(Self.hex[Int(byte >> 4)])
        bytes.append(Self.hex[Int(byte & 0x0f)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
