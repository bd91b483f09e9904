public import Foundation

extension RunEvent {
  /// The event as one line of JSON (sorted keys, no escaped slashes), without the newline.
  ///
  /// - Throws: `LineageError.encoding` if the event can't be encoded (it always can).
  public func jsonLine() throws(LineageError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do { return try encoder.encode(self) } catch { throw .encoding }
  }

  /// An RFC 3339 UTC time with milliseconds (`2026-12-02T10:00:00.000Z`) of epoch milliseconds.
  public static func time(epochMilliseconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000))
  }

  /// A name-based (version 5 style, SHA-1 free) UUID for a run id: the same stedi-audit run and
  /// job always get the same OpenLineage run id, so START and COMPLETE pair up and a re-sent
  /// event is recognised. Made from the 128-bit digest `digest` (e.g. a SHA-256 prefix).
  public static func uuid(fromDigest digest: [UInt8]) -> String {
    var bytes = Array(digest.prefix(16))
    while bytes.count < 16 { bytes.append(0) }
    bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8: custom (RFC 9562)
    bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
    let hex = bytes.map { String(format: "%02x", $0) }.joined()
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
      String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
    }
    return parts.joined(separator: "-")
  }
}
