import StediCore

/// The report's "type drift accepted" section: which landing fields were taken under a
/// documented coercion rule, and how often (`docs/semantics.md`, "Type drift").
extension ComplianceReport {
  /// What a rule means, in one line.
  static func meaning(ofCoercion rule: String) -> String {
    switch Coercion(name: rule) {
    case .integralFloat?: "a time written as an integral float (1655564414415.0), taken as the integer"
    case .numberAsString?: "an identity-only field written as a number, taken as its text"
    case .nullAsAbsent?: "an optional field written as null, taken as absent"
    case .keyCase?: "a key spelled in another case (serialnumber), under input.key_match: case_insensitive"
    case nil: "unknown rule"
    }
  }

  func htmlCoercions() -> String {
    let intro =
      "<p>Landing values accepted by a documented type-drift rule (docs/semantics.md, "
      + "&ldquo;Type drift&rdquo;); values outside the rules are quarantined.</p>"
    guard !coercions.isEmpty else {
      return "<section id=\"coercions\"><h2>Type drift accepted</h2>\(intro)"
        + "<p>None: every accepted value had its plain type.</p></section>"
    }
    let rows = coercions.enumerated().map { index, coercion in
      "<tr><td>\(metric("coercions.\(index).table", coercion.table))</td>"
        + "<td>\(metric("coercions.\(index).field", coercion.field, code: true))</td>"
        + "<td>\(metric("coercions.\(index).rule", coercion.rule, code: true))</td>"
        + "<td class=\"num\">\(number("coercions.\(index).rows", coercion.rows))</td>"
        + "<td>\(ReportText.html(Self.meaning(ofCoercion: coercion.rule)))</td></tr>"
    }
    return """
      <section id="coercions"><h2>Type drift accepted</h2>\(intro)
      <table><thead><tr><th>table</th><th>field</th><th>rule</th><th class="num">rows</th>\
      <th>meaning</th></tr></thead><tbody>\(rows.joined())</tbody></table>
      </section>
      """
  }

  func markdownCoercions() -> [String] {
    var out = [
      "## Type drift accepted", "",
      "Landing values accepted by a documented type-drift rule ([docs/semantics.md](docs/semantics.md#type-drift)); values outside the rules are quarantined.",
      "",
    ]
    guard !coercions.isEmpty else { return out + ["None: every accepted value had its plain type.", ""] }
    out += ["| table | field | rule | rows | meaning |", "|---|---|---|--:|---|"]
    for coercion in coercions {
      out.append(
        "| \(ReportText.markdownCell(coercion.table)) | \(ReportText.code(coercion.field)) "
          + "| \(ReportText.code(coercion.rule)) | \(ReportText.grouped(coercion.rows)) "
          + "| \(ReportText.markdownCell(Self.meaning(ofCoercion: coercion.rule))) |")
    }
    return out + [""]
  }
}
