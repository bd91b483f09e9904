import Foundation

extension DiffReport {
  /// The pseudonyms listed per direction in Markdown (the JSON lists them all).
  static let listedPseudonyms = 20

  /// The one-line verdict.
  public var verdict: String {
    if admitsConsentExcludedRows {
      let rows = consentAdmissions.reduce(0) { $0 + $1.rows }
      return "FAIL: the change would admit \(Self.grouped(rows)) rows that the current policy excludes for consent"
    }
    return isUnchanged ? "no change" : "changed; no row excluded for consent would be admitted"
  }

  /// For people and pull requests (GitHub-flavoured Markdown).
  public func renderMarkdown() -> String {
    var out = ["# stedi-audit diff", ""]
    out.append("**\(verdict)**")
    out.append("")
    out.append("| | policy | policy SHA-256 | landing |")
    out.append("|---|---|---|---|")
    out.append("| baseline (run `\(baseline.runID ?? "")`) | \(ReportText.markdownCell(baseline.policy)) | `\(baseline.policySHA256.prefix(12))` | \(ReportText.code(baseline.landing)) |")
    out.append("| candidate (dry run) | \(ReportText.markdownCell(candidate.policy)) | `\(candidate.policySHA256.prefix(12))` | \(ReportText.code(candidate.landing))\(landingChanged ? " (changed)" : "") |")
    out.append("")
    out.append("## Rows per table")
    out.append("")
    out.append("| table | baseline | candidate | moved in | moved out |")
    out.append("|---|---:|---:|---:|---:|")
    for table in tables {
      out.append("| \(table.table) | \(Self.grouped(table.baselineRows)) | \(Self.grouped(table.candidateRows)) | \(Self.signed(table.rowsIn, "+")) | \(Self.signed(table.rowsOut, "−")) |")
    }
    let moved = tables.flatMap { table in
      table.movedIn.map { (table.table, "in", $0) } + table.movedOut.map { (table.table, "out", $0) }
    }
    if !moved.isEmpty {
      out.append("")
      out.append("## Why rows move")
      out.append("")
      out.append("Moved in: the baseline's reason for leaving the row out. Moved out: the candidate's.")
      out.append("")
      out.append("| table | direction | reason | rows |")
      out.append("|---|---|---|---:|")
      for (table, direction, rows) in moved {
        let flag = direction == "in" && Self.consentReasons.contains(rows.reason) ? " ⚠" : ""
        out.append("| \(table) | \(direction) | `\(rows.reason)`\(flag) | \(Self.grouped(rows.rows)) |")
      }
    }
    out.append("")
    out.append("## Consent gate")
    out.append("")
    if consentReference == "none" {
      out.append("Same policy as the published run: it cannot admit a row it excludes for consent.")
    } else if consentAdmissions.isEmpty {
      out.append("No row excluded for consent (`no_consent`, `before_consent`, `withdrawn`) by the current policy would be admitted (compared with: \(consentReference)).")
    } else {
      out.append("Rows the current policy excludes for consent that the candidate admits (compared with: \(consentReference)):")
      out.append("")
      out.append("| table | reason | rows |")
      out.append("|---|---|---:|")
      for row in consentAdmissions { out.append("| \(row.table) | `\(row.reason)` | \(Self.grouped(row.rows)) |") }
    }
    if !hazards.isEmpty {
      out.append("")
      out.append("## Hazards")
      out.append("")
      out.append("| hazard | table | baseline | candidate |")
      out.append("|---|---|---:|---:|")
      let rows = { (count: Int64?) in count.map(Self.grouped) ?? "not raised" }
      for hazard in hazards {
        out.append("| `\(hazard.kind)` | \(hazard.table) | \(rows(hazard.baseline)) | \(rows(hazard.candidate)) |")
      }
    }
    out.append("")
    out.append("## Customers in machine_learning_curated")
    out.append("")
    let presence = machineLearningCustomers
    out.append("\(presence.baselineCustomers) in the baseline, \(presence.candidateCustomers) in the candidate: \(presence.gained.count) gained, \(presence.lost.count) lost (pseudonyms under key `\(pseudonymKeyID)`; `stedi-audit trace --customer-id` finds their rows).")
    for (label, list) in [("Gained", presence.gained), ("Lost", presence.lost)] where !list.isEmpty {
      out.append("")
      let more = list.count > Self.listedPseudonyms ? " (first \(Self.listedPseudonyms); `--json` lists all)" : ""
      out.append("\(label)\(more): " + list.prefix(Self.listedPseudonyms).map { "`\($0)`" }.joined(separator: ", "))
    }
    out.append("")
    out.append("## Per-reason counts")
    out.append("")
    out.append("| table | reason | baseline | candidate | change |")
    out.append("|---|---|---:|---:|---:|")
    for table in tables {
      for reason in table.reasons where reason.baseline != reason.candidate {
        out.append("| \(table.table) | `\(reason.reason)` | \(Self.grouped(reason.baseline)) | \(Self.grouped(reason.candidate)) | \(ReportText.delta(reason.candidate - reason.baseline)) |")
      }
    }
    if tables.allSatisfy({ $0.reasons.allSatisfy { $0.baseline == $0.candidate } }) {
      out.append("| (all tables) | every reason | = | = | 0 |")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// JUnit XML: one test case per table, failing if the table would admit rows that the current
  /// policy excludes for consent.
  public func renderJUnit() -> String {
    var cases: [String] = []
    var failures = 0
    for table in tables {
      let found = consentAdmissions.filter { $0.table == table.table }
      let name = Self.xml("\(table.table): no row excluded for consent is admitted")
      if found.isEmpty {
        cases.append("    <testcase classname=\"stedi-audit.diff\" name=\"\(name)\"/>")
      } else {
        failures += 1
        let rows = found.reduce(0) { $0 + $1.rows }
        let body = found.map { "\($0.reason): \($0.rows) rows" }.joined(separator: "\n")
        cases.append("""
              <testcase classname="stedi-audit.diff" name="\(name)">
                <failure message="\(rows) rows excluded for consent by policy \(Self.xml(baseline.policy)) would be admitted by \(Self.xml(candidate.policy))">\(Self.xml(body))</failure>
              </testcase>
          """)
      }
    }
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="stedi-audit diff" tests="\(cases.count)" failures="\(failures)">
        <testsuite name="stedi-audit diff" tests="\(cases.count)" failures="\(failures)">
      \(cases.joined(separator: "\n"))
        </testsuite>
      </testsuites>

      """
  }

  private static func xml(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  private static func signed(_ rows: Int64, _ sign: String) -> String { rows == 0 ? "0" : sign + grouped(rows) }

  static func grouped(_ value: Int64) -> String { ReportText.grouped(value) }
}
