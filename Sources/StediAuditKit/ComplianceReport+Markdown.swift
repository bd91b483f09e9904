import Foundation

extension ComplianceReport {
  /// The report as GitHub-flavoured Markdown, for a pull request or an issue: headings, tables,
  /// ✓/✗ per verification check, privacy hazards as a warning block and the changes since the
  /// previous run. Customers appear only as counts or keyed pseudonyms.
  ///
  ///     let markdown = try Toolkit.report(ReportRequest(workspace: workspace)).renderMarkdown()
  ///
  /// Every text taken from the report is escaped for table cells, so a value cannot break the
  /// layout or inject HTML.
  public func renderMarkdown() -> String {
    var out: [String] = []
    out.append("# Compliance report: run \(ReportText.code(run.runId))")
    out.append("")
    out.append(
      "Generated \(ReportText.timestamp(generatedAt)) by \(ReportText.markdownCell(tool)). "
        + "Report format \(formatVersion). Customers appear only as counts or keyed pseudonyms.")
    out.append("")
    out.append(statusLine())
    out.append("")
    out += markdownRun()
    out += markdownInputs()
    out += markdownCoercions()
    out += markdownFunnel()
    out += markdownConsent()
    out += markdownHazards()
    out += markdownVerification()
    out += markdownChanges()
    out += markdownReadings()
    out += markdownWithdrawals()
    return out.joined(separator: "\n") + "\n"
  }

  private func statusLine() -> String {
    let failed = verification.checks.filter { !$0.passed }.count
    let verdict =
      verified
      ? "✓ **Verified**: all \(verification.checks.count) checks passed"
      : "✗ **NOT VERIFIED**: \(failed) of \(verification.checks.count) checks failed"
    let hazardNote =
      hazards.isEmpty ? "no privacy hazards" : "⚠️ \(hazards.count) privacy hazard(s)"
    return "> \(verdict) · policy \(ReportText.code(run.policy)) · \(hazardNote)"
  }

  private func markdownRun() -> [String] {
    var rows: [(String, String)] = [
      ("Run", ReportText.code(run.runId)),
      (
        "Status",
        run.status + (run.published ? " (its outputs are the published ones)" : " (not published)")
      ),
      ("Started", ReportText.timestamp(run.startedAt)),
      ("Finished", ReportText.timestamp(run.finishedAt)),
      ("Policy", ReportText.code(run.policy)),
      ("Policy SHA-256", ReportText.code(run.policySHA256)),
      ("Pseudonym key", ReportText.code(run.pseudonymKeyId)),
    ]
    if let manifest = run.manifest { rows.append(("Signed manifest", ReportText.code(manifest))) }
    if let digest = run.manifestSHA256 {
      rows.append(("Manifest SHA-256", ReportText.code(digest)))
    }
    if let root = run.merkleRoot { rows.append(("Audit Merkle root", ReportText.code(root))) }
    rows.append(("Lineage movements", ReportText.grouped(run.movements)))
    return ["## Run", "", "| | |", "|---|---|"] + rows.map { "| \($0.0) | \($0.1) |" } + [""]
  }

  private func markdownInputs() -> [String] {
    var out = ["## Inputs", ""]
    guard !inputs.isEmpty else { return out + ["No landing files were recorded.", ""] }
    out += ["| table | file | rows | bytes | SHA-256 |", "|---|---|--:|--:|---|"]
    for input in inputs {
      out.append(
        "| \(ReportText.markdownCell(input.table)) | \(ReportText.code(input.path)) "
          + "| \(ReportText.grouped(input.rows)) | \(ReportText.grouped(input.bytes)) "
          + "| \(ReportText.code(String(input.sha256.prefix(16))))… |")
    }
    return out + [""]
  }

  private func markdownFunnel() -> [String] {
    var out = ["## Zone funnel", "", "Landing → trusted → curated, per table. Every row in is "]
    out[2] += "admitted, excluded or quarantined: rows in = admitted + excluded + quarantined."
    out += [
      "", "| table | zone | rows in | admitted | excluded | quarantined | rows out |",
      "|---|---|--:|--:|--:|--:|--:|",
    ]
    for stage in funnel {
      out.append(
        "| \(ReportText.markdownCell(stage.table)) | \(ReportText.markdownCell(stage.zone)) "
          + "| \(ReportText.grouped(stage.rowsIn)) | \(ReportText.grouped(stage.admitted)) "
          + "| \(ReportText.grouped(stage.excludedTotal)) "
          + "| \(ReportText.grouped(stage.quarantinedTotal)) "
          + "| \(ReportText.grouped(stage.rowsOut)) |"
      )
    }
    out += ["", "### Rows excluded or quarantined, by reason", ""]
    let reasons = funnel.flatMap { stage in stage.reasons.map { (stage.table, $0) } }
    guard !reasons.isEmpty else { return out + ["No row was excluded or quarantined.", ""] }
    out += ["| table | reason | decision | rows | meaning |", "|---|---|---|--:|---|"]
    for (table, reason) in reasons {
      let meaning = ReportText.meaning(ofReason: reason.reason) ?? ""
      out.append(
        "| \(ReportText.markdownCell(table)) | [\(ReportText.code(reason.reason))](\(reasonLink(reason.reason))) "
          + "| \(reason.quarantined ? "quarantined" : "excluded") "
          + "| \(ReportText.grouped(reason.rows)) | \(ReportText.markdownCell(meaning)) |")
    }
    return out + [""]
  }

  private func markdownConsent() -> [String] {
    let rows: [(String, Int64, String)] = [
      ("Customers (distinct, in landing)", consent.customers, ""),
      ("Consented (admitted to customer_trusted)", consent.consented, "✓"),
      ("Not consented", consent.notConsented, ""),
      ("Ambiguous records", consent.ambiguous, ""),
      ("Withdrawn", consent.withdrawn, ""),
      ("In customer_curated", consent.curated, ""),
      ("Readings excluded: taken before consent", consent.readingsBeforeConsent, ""),
      ("Readings excluded: customer without consent", consent.readingsWithoutConsent, ""),
    ]
    var out = ["## Consent coverage", "", "| | customers or readings | share of customers |"]
    out.append("|---|--:|--:|")
    for (index, row) in rows.enumerated() {
      let share = index >= 1 && index <= 5 ? ReportText.percent(row.1, of: consent.customers) : ""
      out.append("| \(row.0) | \(ReportText.grouped(row.1)) | \(share) |")
    }
    return out + [""]
  }

  private func markdownHazards() -> [String] {
    var out = ["## Privacy hazards", ""]
    guard !hazards.isEmpty else {
      return out + ["✓ No privacy hazard was found in this run.", ""]
    }
    out.append("> [!WARNING]")
    for hazard in hazards {
      out.append(
        "> **\(ReportText.markdownCell(hazard.kind))** in \(ReportText.code(hazard.table)): "
          + "\(ReportText.grouped(hazard.count)) rows. "
          + ReportText.markdownCell(hazard.description)
      )
      out.append(">")
    }
    out.removeLast()
    return out + [""]
  }

  private func markdownVerification() -> [String] {
    var out = ["## Verification", ""]
    out.append(
      "Workspace verified with "
        + "\(verification.trustedKeys.map(ReportText.code).joined(separator: ", ")) "
        + "(\(ReportText.markdownCell(verification.keySource))).")
    for warning in verification.warnings { out += ["", "> **Warning:** \(ReportText.markdownCell(warning))"] }
    if let head = verification.auditHead { out += ["", "Audit head: \(ReportText.code(head))."] }
    out += ["", "| | check | details |", "|---|---|---|"]
    for check in verification.checks {
      let shown = check.passed ? Array(check.details.prefix(1)) : Array(check.details.prefix(5))
      var details = shown.map(ReportText.markdownCell).joined(separator: "<br>")
      if !check.passed, check.details.count > 5 {
        details += "<br>… and \(check.details.count - 5) more"
      }
      out.append(
        "| \(check.passed ? "✓" : "✗") | \(ReportText.markdownCell(check.name)) | \(details) |")
    }
    return out + [""]
  }

  private func markdownChanges() -> [String] {
    var out = ["## Changes since the previous run", ""]
    guard let changes else { return out + ["This is the first run of the workspace.", ""] }
    out.append(
      "Previous run: \(ReportText.code(changes.previousRunId)). "
        + "Policy \(changes.policyChanged ? "**changed**" : "unchanged"); "
        + "inputs \(changes.inputsChanged ? "**changed**" : "unchanged").")
    out += ["", "| table | rows out before | rows out now | change |", "|---|--:|--:|--:|"]
    for table in changes.tables {
      out.append(
        "| \(ReportText.markdownCell(table.table)) | \(ReportText.grouped(table.before)) "
          + "| \(ReportText.grouped(table.now)) | \(ReportText.delta(table.now - table.before)) |")
    }
    if !changes.policyDiff.isEmpty {
      out += ["", "The policy's changed lines (`-` previous run, `+` this run):", ""]
      let body = changes.policyDiff.map(Self.diffLine)
      // A fence longer than any run of backticks in the policy text.
      let longest = body.map { line in line.split(separator: "`", omittingEmptySubsequences: true).count > 0 ? Self.longestBacktickRun(line) : 0 }.max() ?? 0
      let fence = String(repeating: "`", count: max(3, longest + 1))
      out += [fence + "diff"] + body + [fence]
    }
    return out + [""]
  }

  /// A policy diff line in unified-diff style.
  static func diffLine(_ line: PolicyDiffLine) -> String {
    switch line.kind {
    case .context: "  " + line.text
    case .added: "+ " + line.text
    case .removed: "- " + line.text
    case .skipped: "@@ \(line.line) unchanged line\(line.line == 1 ? "" : "s") @@"
    }
  }

  private static func longestBacktickRun(_ text: String) -> Int {
    var (longest, current) = (0, 0)
    for character in text {
      current = character == "`" ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }

  /// The link to a reason code's definition.
  func reasonLink(_ reason: String) -> String { reasonDefinitions + "#" + reason }

  private func markdownReadings() -> [String] {
    var out = ["## Admitted readings per day", ""]
    guard !readingsPerDay.isEmpty else { return out + ["No reading was admitted.", ""] }
    let total = readingsTotal
    out.append(
      "\(ReportText.grouped(total.accelerometer)) accelerometer and "
        + "\(ReportText.grouped(total.stepTrainer)) step-trainer readings over "
        + "\(readingsPerDay.count) days (UTC).")
    out += ["", "<details><summary>Per day</summary>", ""]
    out += ["| day | accelerometer | step trainer |", "|---|--:|--:|"]
    for day in readingsPerDay {
      out.append(
        "| \(ReportText.markdownCell(day.day)) | \(ReportText.grouped(day.accelerometer)) "
          + "| \(ReportText.grouped(day.stepTrainer)) |")
    }
    out += ["", "</details>", ""]
    guard !readingsPerHour.isEmpty else { return out }
    out += [
      "### Per hour", "",
      "\(readingsPerHour.count) hours (UTC) with admitted readings, "
        + "from \(ReportText.code(readingsPerHour[0].hour)) to \(ReportText.code(readingsPerHour[readingsPerHour.count - 1].hour)).",
      "", "<details><summary>Per hour</summary>", "",
      "| hour (UTC) | accelerometer | step trainer |", "|---|--:|--:|",
    ]
    for hour in readingsPerHour {
      out.append(
        "| \(ReportText.markdownCell(hour.hour)) | \(ReportText.grouped(hour.accelerometer)) "
          + "| \(ReportText.grouped(hour.stepTrainer)) |")
    }
    return out + ["", "</details>", ""]
  }

  private func markdownWithdrawals() -> [String] {
    var out = ["## Consent withdrawals", ""]
    guard !withdrawals.isEmpty else {
      return out + ["No withdrawal is recorded in the workspace.", ""]
    }
    out += ["| pseudonym | consent withdrawn as of | recorded |", "|---|---|---|"]
    for withdrawal in withdrawals {
      out.append(
        "| \(ReportText.code(withdrawal.pseudonym)) | \(ReportText.timestamp(withdrawal.asOf)) "
          + "| \(ReportText.timestamp(withdrawal.recordedAt)) |")
    }
    return out + [""]
  }
}
