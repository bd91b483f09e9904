#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension UnsafeRawBufferPointer {
  /// Whether the bytes are exactly `literal`'s UTF-8 (a field name); no allocation.
  @inline(__always)
  func equalsASCII(_ literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard count == length, let baseAddress else { return count == length && length == 0 }
    let other = UnsafeRawPointer(literal.utf8Start)
    switch length {
    case 8...16:
      // Two overlapping 8-byte words cover the whole key.
      return baseAddress.loadUnaligned(as: UInt64.self) == other.loadUnaligned(as: UInt64.self)
        && baseAddress.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
          == other.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
    case 4..<8:
      return baseAddress.loadUnaligned(as: UInt32.self) == other.loadUnaligned(as: UInt32.self)
        && baseAddress.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
          == other.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
    default:
      return memcmp(baseAddress, other, length) == 0
    }
  }
}

extension UnsafeRawBufferPointer {
  /// Whether the bytes equal `literal`'s ASCII letters ignoring case (`serialnumber` and
  /// `serialNumber`); no allocation.
  func equalsASCIIIgnoringCase(_ literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard count == length else { return false }
    let other = literal.utf8Start
    for offset in 0..<length where Self.lowercased(self[offset]) != Self.lowercased(other[offset]) {
      return false
    }
    return true
  }

  @inline(__always)
  private static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
  }
}
