/// A JSON string as it appears in the text: the bytes between the quotes, escapes not yet
/// resolved. Created only by ``FlatJSONScanner``, so its bytes are valid UTF-8 with valid escapes.
///
/// - Warning: Points into the scanned text: valid only while that memory is.
public struct RawJSONString {
  /// The bytes between the quotes, escapes included.
  public let bytes: UnsafeRawBufferPointer
  /// Whether `bytes` contains a backslash escape (the text differs from the value).
  public let hasEscapes: Bool

  init(bytes: UnsafeRawBufferPointer, hasEscapes: Bool) {
    self.bytes = bytes
    self.hasEscapes = hasEscapes
  }

  /// Whether the value is the empty string.
  public var isEmpty: Bool { bytes.isEmpty }

  /// The value, escapes resolved.
  public func makeString() -> String {
    guard hasEscapes else { return String(decoding: bytes, as: UTF8.self) }
    let source = bytes
    return String(unsafeUninitializedCapacity: source.count) { buffer in
      Self.unescape(source, into: UnsafeMutableRawBufferPointer(buffer))
    }
  }

  /// Calls `body` with the UTF-8 bytes of the value, escapes resolved; copies only when the
  /// string has escapes (into temporary, usually stack, memory).
  public func withUnescapedBytes<Result, Failure: Error>(
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    guard hasEscapes else { return try body(bytes) }
    let source = bytes
    return try withUnsafeTemporaryAllocation(byteCount: source.count, alignment: 1) {
      (buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Result in
      let count = Self.unescape(source, into: buffer)
      return try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
    }
  }

  /// Whether the value equals `other`'s value (escapes resolved on both sides).
  public func hasSameValue(as other: RawJSONString) -> Bool {
    if !hasEscapes && !other.hasEscapes { return bytes.elementsEqual(other.bytes) }
    return withUnescapedBytes { mine in
      other.withUnescapedBytes { theirs in mine.elementsEqual(theirs) }
    }
  }

  /// Writes the UTF-8 of the validated string body `source` into `target` (at least
  /// `source.count` bytes: an escape never grows) and returns the number of bytes written.
  static func unescape(
    _ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer
  ) -> Int {
    var input = 0
    var output = 0
    let end = source.count
    while input < end {
      let byte = source[input]
      guard byte == UInt8(ascii: "\\"), input + 1 < end else {
        target[output] = byte
        output += 1
        input += 1
        continue
      }
      let escape = source[input + 1]
      input += 2
      switch escape {
      case UInt8(ascii: "b"): target[output] = 0x08
      case UInt8(ascii: "f"): target[output] = 0x0C
      case UInt8(ascii: "n"): target[output] = 0x0A
      case UInt8(ascii: "r"): target[output] = 0x0D
      case UInt8(ascii: "t"): target[output] = 0x09
      case UInt8(ascii: "u"):
        var scalar = hexValue(source, at: input)
        input += 4
        if scalar & 0xFC00 == 0xD800, input + 6 <= end {
          let low = hexValue(source, at: input + 2)
          input += 6
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
        }
        output += encodeUTF8(scalar, into: target, at: output)
        continue
      default: target[output] = escape  // `"`, `\` and `/` stand for themselves.
      }
      output += 1
    }
    return output
  }

  /// The value of the 4 hex digits at `offset` (validated by the scanner).
  static func hexValue(_ source: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
    var value: UInt32 = 0
    for index in offset..<min(offset + 4, source.count) {
      value = value << 4 | UInt32(hexDigitValue(source[index]) ?? 0)
    }
    return value
  }

  /// The value of one hex digit, or `nil`.
  static func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
    default: nil
    }
  }

  /// Writes the UTF-8 encoding of `scalar` at `offset` and returns its length.
  private static func encodeUTF8(
    _ scalar: UInt32, into target: UnsafeMutableRawBufferPointer, at offset: Int
  ) -> Int {
    switch scalar {
    case 0..<0x80:
      target[offset] = UInt8(truncatingIfNeeded: scalar)
      return 1
    case 0x80..<0x800:
      target[offset] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
      target[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
      return 2
    case 0x800..<0x10000:
      target[offset] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
      target[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
      target[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
      return 3
    default:
      target[offset] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
      target[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
      target[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
      target[offset + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
      return 4
    }
  }
}
