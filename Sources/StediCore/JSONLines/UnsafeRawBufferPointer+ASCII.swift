#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension UnsafeRawBufferPointer {
  /// Whether the bytes are exactly `literal`'s UTF-8 (a field name); no allocation.
  func equalsASCII(_ literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard count == length else { return false }
    guard let baseAddress, length > 0 else { return length == 0 }
    return memcmp(baseAddress, literal.utf8Start, length) == 0
  }
}
