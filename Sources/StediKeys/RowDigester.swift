import CLibCrypto
import Crypto
public import StediCore
public import Foundation

/// SHA-256 digests of rows and files.
public enum RowDigester {
  /// The row digest of a line's bytes (without its line ending).
  public static func digest(_ bytes: UnsafeRawBufferPointer) -> Digest128 {
    var full = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    withUnsafeMutableBytes(of: &full) { out in
      csha256(-1, bytes.baseAddress, bytes.count, nil, 0, out.baseAddress?.assumingMemoryBound(to: UInt8.self))
    }
    return Digest128(high: UInt64(bigEndian: full.0), low: UInt64(bigEndian: full.1))
  }

  /// The row digest of a byte array.
  public static func digest(_ bytes: [UInt8]) -> Digest128 {
    bytes.withUnsafeBytes { digest($0) }
  }

  /// The full SHA-256 of `bytes`, as lower-case hex.
  public static func sha256Hex(_ bytes: some DataProtocol) -> String {
    Hex.encode(SHA256.hash(data: bytes))
  }
}

/// An incremental SHA-256, for files written or read in chunks.
public struct StreamingSHA256: Sendable {
  private var hasher = SHA256()

  public init() {}

  public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

  /// The digest as lower-case hex.
  public func finalizeHex() -> String { Hex.encode(hasher.finalize()) }

  /// The SHA-256 (hex) and size of what `descriptor` reads to its end, in 1 MiB `read(2)`
  /// blocks; the `errno` of a failed read otherwise.
  public static func ofFile(descriptor: Int32) -> Result<(sha256: String, bytes: Int64), FileReadFailure> {
    var hasher = StreamingSHA256()
    var size: Int64 = 0
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { return .failure(FileReadFailure(errno: errno)) }
      if count == 0 { break }
      block.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
      size += Int64(count)
    }
    return .success((hasher.finalizeHex(), size))
  }
}

/// A failed `read(2)` of a file being hashed.
public struct FileReadFailure: Error, Sendable {
  public let errno: Int32

  /// The system's text for the error.
  public var reason: String { String(cString: strerror(errno)) }
}
