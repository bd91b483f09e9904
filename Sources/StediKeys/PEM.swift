import Foundation

/// RFC 7468 PEM text: `-----BEGIN <label>-----`, base64 of DER bytes, `-----END <label>-----`.
enum PEM {
  /// The PEM text of `der`, with base64 lines of 64 characters and a final newline.
  static func encode(_ der: [UInt8], label: String) -> String {
    let body = Data(der).base64EncodedString()
    var lines = ["-----BEGIN \(label)-----"]
    var start = body.startIndex
    while start < body.endIndex {
      let end = body.index(start, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
      lines.append(String(body[start..<end]))
      start = end
    }
    lines.append("-----END \(label)-----")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The DER bytes of the first block labelled `label` in `text`, or nil if there is none or its
  /// body is not strict base64.
  static func decode(_ text: String, label: String) -> [UInt8]? {
    let begin = "-----BEGIN \(label)-----"
    let end = "-----END \(label)-----"
    guard let beginRange = text.range(of: begin),
      let endRange = text.range(of: end, range: beginRange.upperBound..<text.endIndex)
    else { return nil }
    let body = text[beginRange.upperBound..<endRange.lowerBound].filter { !$0.isWhitespace }
    guard !body.isEmpty, let data = Data(base64Encoded: String(body)) else { return nil }
    // Refuse non-canonical base64 (stray bits after the last byte) so one key has one PEM body.
    guard data.base64EncodedString() == String(body) else { return nil }
    return Array(data)
  }
}
