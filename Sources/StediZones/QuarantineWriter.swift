import Foundation
import StediCore

/// Writes quarantined rows: one JSON object per line with the source file and line, the reason,
/// the field at fault and the original line (`raw`, or `rawBase64` if it is not UTF-8), so that
/// nothing is lost.
struct QuarantineRecordEncoder {
  private var builder = JSONLineBuilder()

  mutating func encode(
    table: TableID, source: SourceFile, line: Int64, error: RowError, raw: UnsafeRawBufferPointer
  ) -> [UInt8] {
    builder.reset()
    builder.string("table", table.rawValue)
    builder.string("file", source.path)
    builder.integer("line", line)
    builder.string("reason", error.reason.rawValue)
    builder.string("field", error.field)
    builder.string("detail", error.detail)
    if let text = String(validating: raw, as: UTF8.self) {
      builder.string("raw", text)
    } else {
      builder.string("rawBase64", Data(raw).base64EncodedString())
    }
    builder.finish()
    return builder.bytes
  }
}
