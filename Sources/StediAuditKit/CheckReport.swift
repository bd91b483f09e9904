import Foundation

/// The result of `stedi-audit check`: the CI gate.
public struct CheckReport: Hashable, Sendable, Codable {
  public enum Outcome: String, Hashable, Sendable, Codable {
    case passed
    /// A row violates the policy (exit 1).
    case violation
    /// The workspace does not verify (exit 2).
    case verificationFailed = "verification_failed"
  }

  /// `workspace` or `external` (curated files of another tool against landing data).
  public var mode: String
  public var policy: String
  /// `verify` of the workspace (workspace mode only).
  public var verification: VerificationReport?
  /// Rows checked per table.
  public var rowsChecked: [String: Int64]
  public var violations: [CheckViolation]
  /// What was not checked and why (e.g. no lineage for external files).
  public var notes: [String]
  /// External mode: files under the tables' folders that were not read, and why.
  public var skippedFiles: [SkippedFile] = []

  public struct SkippedFile: Hashable, Sendable, Codable {
    public var path: String
    public var reason: String
  }

  /// Violations per table and reason, most first.
  public var violationCounts: [ViolationCount] {
    var counts: [String: [String: Int64]] = [:]
    for violation in violations { counts[violation.table, default: [:]][violation.reason, default: 0] += 1 }
    return counts.flatMap { table, reasons in
      reasons.map { ViolationCount(table: table, reason: $0.key, rows: $0.value) }
    }.sorted { ($0.table, -$0.rows, $0.reason) < ($1.table, -$1.rows, $1.reason) }
  }

  public struct ViolationCount: Hashable, Sendable, Codable {
    public var table: String
    public var reason: String
    public var rows: Int64
  }

  public var outcome: Outcome {
    if !violations.isEmpty { return .violation }
    if verification?.passed == false { return .verificationFailed }
    return .passed
  }

  public func renderText() -> String {
    var out: [String] = []
    for violation in violations.prefix(1_000) { out.append("violation: \(violation.text)") }
    if violations.count > 1_000 { out.append("… and \(violations.count - 1_000) more violations") }
    if let verification {
      for check in verification.checks where !check.passed {
        out.append("verification failed: \(check.name): \(check.details.first ?? "")")
      }
    }
    if !violations.isEmpty {
      out.append("violations by table and reason:")
      for count in violationCounts {
        out.append("  \(count.table.padding(toLength: 26, withPad: " ", startingAt: 0)) \(count.reason.padding(toLength: 20, withPad: " ", startingAt: 0)) \(count.rows)")
      }
    }
    for note in notes { out.append("note: \(note)") }
    let rows = rowsChecked.values.reduce(0, +)
    switch outcome {
    case .passed:
      out.append("check passed: \(rows) rows in \(rowsChecked.count) tables under policy \(policy)\(verification == nil ? "" : ", workspace verified")")
    case .violation:
      out.append("check FAILED: \(violations.count) rows violate policy \(policy) (of \(rows) checked)")
    case .verificationFailed:
      out.append("check FAILED: the workspace does not verify")
    }
    return out.joined(separator: "\n")
  }

  /// The report as JUnit XML: one test case per verification check and per table checked.
  public func renderJUnit() -> String {
    var cases: [String] = []
    var failures = 0
    for check in verification?.checks ?? [] {
      if check.passed {
        cases.append("    <testcase classname=\"stedi-audit.verify\" name=\"\(xml(check.name))\"/>")
      } else {
        failures += 1
        cases.append("""
              <testcase classname="stedi-audit.verify" name="\(xml(check.name))">
                <failure message="\(xml(check.details.first ?? "failed"))">\(xml(check.details.joined(separator: "\n")))</failure>
              </testcase>
          """)
      }
    }
    for table in rowsChecked.keys.sorted() {
      let found = violations.filter { $0.table == table }
      if found.isEmpty {
        cases.append("    <testcase classname=\"stedi-audit.consent\" name=\"\(xml(table))\"/>")
      } else {
        failures += 1
        let body = found.prefix(1_000).map(\.text).joined(separator: "\n")
          + (found.count > 1_000 ? "\n… and \(found.count - 1_000) more" : "")
        let reasons = violationCounts.filter { $0.table == table }.map { "\($0.reason) \($0.rows)" }
        cases.append("""
              <testcase classname="stedi-audit.consent" name="\(xml(table))">
                <failure message="\(found.count) rows violate policy \(xml(policy)) (\(xml(reasons.joined(separator: ", "))))">\(xml(body))</failure>
              </testcase>
          """)
      }
    }
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="stedi-audit check" tests="\(cases.count)" failures="\(failures)">
        <testsuite name="stedi-audit check" tests="\(cases.count)" failures="\(failures)">
      \(cases.joined(separator: "\n"))
        </testsuite>
      </testsuites>

      """
  }

  private func xml(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
