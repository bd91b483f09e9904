import Foundation
import StediCore

/// Text helpers shared by the Markdown and HTML renderings of a `ComplianceReport`.
enum ReportText {
  /// `text` with the five HTML special characters replaced by entities, safe in element content
  /// and in quoted attribute values.
  ///
  ///     ReportText.html("a<b & \"c\"")  // "a&lt;b &amp; &quot;c&quot;"
  static func html(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// `text` made safe for one cell of a GitHub-flavoured Markdown table: pipes, backslashes and
  /// HTML brackets escaped, line breaks turned into spaces.
  static func markdownCell(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "|": out += "\\|"
      case "\\": out += "\\\\"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\n", "\r", "\r\n": out += " "
      default: out.append(character)
      }
    }
    return out
  }

  /// `text` as inline code in Markdown (backticks in it are dropped: it is never prose).
  static func code(_ text: String) -> String {
    "`" + markdownCell(text.replacingOccurrences(of: "`", with: "'")) + "`"
  }

  /// A count with thousands separators for reading (`12,345`); machines read the raw value.
  static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  /// A signed difference (`+12`, `-3`, `±0`).
  static func delta(_ value: Int64) -> String {
    value > 0 ? "+" + grouped(value) : (value == 0 ? "±0" : grouped(value))
  }

  /// Epoch milliseconds as a UTC time, to the second (`2024-05-01 12:34:56 UTC`).
  static func timestamp(_ milliseconds: Int64) -> String {
    let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    let iso = date.formatted(Date.ISO8601FormatStyle())
    return iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
  }

  /// A share as a percentage with one decimal (`12.5%`), or `–` if `total` is 0.
  static func percent(_ part: Int64, of total: Int64) -> String {
    guard total > 0 else { return "–" }
    return String(format: "%.1f%%", Double(part) * 100 / Double(total))
  }

  /// The one-sentence meaning of a reason code, if it is one.
  static func meaning(ofReason reason: String) -> String? {
    ReasonCode(rawValue: reason)?.summary
  }

  /// A table name's zone part (`customer_trusted` → `trusted`), for display.
  static func zoneLabel(_ stage: ComplianceReport.FunnelStage) -> String {
    stage.zone.isEmpty
      ? (stage.table.split(separator: "_").last.map(String.init) ?? "") : stage.zone
  }
}
