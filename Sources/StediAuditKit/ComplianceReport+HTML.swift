import Foundation

extension ComplianceReport {
  /// The report as one self-contained HTML5 page: inline CSS (with a print layout), charts drawn
  /// as inline SVG, no script and no external reference of any kind, so it opens offline and
  /// prints as it shows. Customers appear only as counts or keyed pseudonyms.
  ///
  ///     let html = try Toolkit.report(ReportRequest(workspace: workspace)).renderHTML()
  ///
  /// Every number that comes from the report carries `data-metric`, its path in the JSON report
  /// (`funnel.customer_trusted.admitted`, `consent.consented`, `verification.passed`), and
  /// `data-value`, the raw value; `docs/reports.md` describes the paths.
  public func renderHTML() -> String {
    var body: [String] = []
    body.append(htmlHeader())
    body.append(htmlRun())
    body.append(htmlInputs())
    body.append(htmlCoercions())
    body.append(htmlFunnel())
    body.append(htmlExclusions())
    body.append(htmlConsent())
    body.append(htmlHazards())
    body.append(htmlVerification())
    body.append(htmlChanges())
    body.append(htmlReadings())
    body.append(htmlWithdrawals())
    let title = "Compliance report: run \(run.runId)"
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="\(ReportText.html(tool))">
      <title>\(ReportText.html(title))</title>
      <style>
      \(ReportStyle.css)
      </style>
      </head>
      <body>
      <main>
      \(body.joined(separator: "\n"))
      <footer>Generated \(ReportText.html(ReportText.timestamp(generatedAt))) by \
      \(ReportText.html(tool)); report format \(formatVersion). Machine-readable: \
      <code>stedi-audit report --format json</code>. Customers appear only as counts or keyed \
      pseudonyms.</footer>
      </main>
      </body>
      </html>

      """
  }

  private func htmlHeader() -> String {
    let failed = verification.checks.filter { !$0.passed }.count
    let verdict =
      verified
      ? "✓ Verified: all \(verification.checks.count) checks passed"
      : "✗ NOT VERIFIED: \(failed) of \(verification.checks.count) checks failed"
    let publication =
      run.published
      ? "the published run" : "status \(ReportText.html(run.status)), not the published run"
    let admittedReadings = readingsTotal.accelerometer + readingsTotal.stepTrainer
    let curated = funnel.first { $0.table == "machine_learning_curated" }
    var cards = [
      card("customers consented", consent.consented, "consent.consented"),
      card("customers in landing", consent.customers, "consent.customers"),
    ]
    if let curated {
      cards.append(
        card("machine-learning rows", curated.rowsOut, "funnel.\(curated.table).rowsOut"))
    }
    cards.append(card("admitted readings", admittedReadings, nil))
    return """
      <header>
      <h1>Compliance report</h1>
      <p class="subtitle">Run \(metric("run.runId", run.runId, code: true)) under policy \
      \(metric("run.policy", run.policy, code: true)) (\(publication)). Generated \
      \(ReportText.html(ReportText.timestamp(generatedAt))).</p>
      <div class="verdict \(verified ? "pass" : "fail")" role="status">\
      <strong data-metric="verification.passed" data-value="\(verified)">\
      \(ReportText.html(verdict))</strong>\(hazards.isEmpty ? "" : " · ⚠ \(hazards.count) privacy hazard(s)")</div>
      <div class="cards">\(cards.joined())</div>
      </header>
      """
  }

  private func card(_ name: String, _ value: Int64, _ path: String?) -> String {
    let shown = path.map { number($0, value) } ?? ReportText.grouped(value)
    return "<div class=\"card\"><div class=\"value\">\(shown)</div>"
      + "<div class=\"name\">\(ReportText.html(name))</div></div>"
  }

  private func htmlRun() -> String {
    var rows: [(String, String)] = [
      ("Run", metric("run.runId", run.runId, code: true)),
      (
        "Status",
        metric("run.status", run.status)
          + (run.published ? " (its outputs are the published ones)" : " (not published)")
      ),
      ("Started", ReportText.html(ReportText.timestamp(run.startedAt))),
      ("Finished", ReportText.html(ReportText.timestamp(run.finishedAt))),
      ("Policy", metric("run.policy", run.policy, code: true)),
      ("Policy SHA-256", metric("run.policySHA256", run.policySHA256, code: true)),
      ("Pseudonym key", metric("run.pseudonymKeyId", run.pseudonymKeyId, code: true)),
    ]
    if let manifest = run.manifest {
      rows.append(("Signed manifest", metric("run.manifest", manifest, code: true)))
    }
    if let digest = run.manifestSHA256 {
      rows.append(("Manifest SHA-256", metric("run.manifestSHA256", digest, code: true)))
    }
    if let root = run.merkleRoot {
      rows.append(("Audit Merkle root", metric("run.merkleRoot", root, code: true)))
    }
    rows.append(("Lineage movements", number("run.movements", run.movements)))
    let body = rows.map { "<tr><th scope=\"row\">\($0.0)</th><td>\($0.1)</td></tr>" }.joined()
    return "<section id=\"run\"><h2>Run</h2><table class=\"kv\">\(body)</table></section>"
  }

  private func htmlInputs() -> String {
    guard !inputs.isEmpty else {
      return "<section id=\"inputs\"><h2>Inputs</h2><p>No landing file was recorded.</p></section>"
    }
    let rows = inputs.enumerated().map { index, input in
      "<tr><td>\(ReportText.html(input.table))</td>"
        + "<td>\(metric("inputs.\(index).path", input.path, code: true))</td>"
        + "<td class=\"num\">\(number("inputs.\(index).rows", input.rows))</td>"
        + "<td class=\"num\">\(number("inputs.\(index).bytes", input.bytes))</td>"
        + "<td><code data-metric=\"inputs.\(index).sha256\" "
        + "data-value=\"\(ReportText.html(input.sha256))\" "
        + "title=\"\(ReportText.html(input.sha256))\">"
        + "\(ReportText.html(String(input.sha256.prefix(16))))…"
        + "</code></td></tr>"
    }
    return """
      <section id="inputs"><h2>Inputs</h2>
      <p>The landing files the run read, with their SHA-256 digests as recorded in the audit \
      log.</p>
      <table><thead><tr><th>table</th><th>file</th><th class="num">rows</th>\
      <th class="num">bytes</th><th>SHA-256</th></tr></thead><tbody>\(rows.joined())</tbody></table>
      </section>
      """
  }

  private func htmlFunnel() -> String {
    let rows = funnel.map { stage in
      let path = "funnel.\(stage.table)"
      return "<tr><th scope=\"row\">\(ReportText.html(stage.table))</th>"
        + "<td>\(ReportText.html(ReportText.zoneLabel(stage)))</td>"
        + "<td class=\"num\">\(number("\(path).rowsIn", stage.rowsIn))</td>"
        + "<td class=\"num\">\(number("\(path).admitted", stage.admitted))</td>"
        + "<td class=\"num\">\(number("\(path).excludedTotal", stage.excludedTotal))</td>"
        + "<td class=\"num\">\(number("\(path).quarantinedTotal", stage.quarantinedTotal))</td>"
        + "<td class=\"num\">\(number("\(path).rowsOut", stage.rowsOut))</td></tr>"
    }
    return """
      <section id="funnel"><h2>Zone funnel</h2>
      <p>Landing → trusted → curated, per table. Every row that enters a table is admitted, \
      excluded (left out by the policy) or quarantined (unreadable, kept aside with its origin): \
      rows in = admitted + excluded + quarantined.</p>
      <figure>\(ReportCharts.funnel(funnel))
      <figcaption>Each bar is one table's rows in (100%), split by decision.</figcaption></figure>
      <table><thead><tr><th>table</th><th>zone</th><th class="num">rows in</th>\
      <th class="num">admitted</th><th class="num">excluded</th><th class="num">quarantined</th>\
      <th class="num">rows out</th></tr></thead><tbody>\(rows.joined())</tbody></table>
      </section>
      """
  }

  private func htmlExclusions() -> String {
    let rows = funnel.flatMap { stage in
      stage.reasons.map { reason in
        let kind = reason.quarantined ? "quarantined" : "excluded"
        return "<tr><td>\(ReportText.html(stage.table))</td>"
          + "<td><a href=\"\(ReportText.html(reasonLink(reason.reason)))\" "
          + "title=\"\(ReportText.html(ReportText.meaning(ofReason: reason.reason) ?? ""))\">"
          + "<code>\(ReportText.html(reason.reason))</code></a></td><td>\(kind)</td>"
          + "<td class=\"num\">"
          + number("funnel.\(stage.table).\(kind).\(reason.reason)", reason.rows) + "</td>"
          + "<td>\(ReportText.html(ReportText.meaning(ofReason: reason.reason) ?? ""))</td></tr>"
      }
    }
    let table =
      rows.isEmpty
      ? "<p>No row was excluded or quarantined.</p>"
      : "<table><thead><tr><th>table</th><th>reason</th><th>decision</th>"
        + "<th class=\"num\">rows</th>"
        + "<th>meaning</th></tr></thead><tbody>\(rows.joined())</tbody></table>"
    return """
      <section id="exclusions"><h2>Exclusions by reason</h2>
      <figure>\(ReportCharts.exclusions(funnel))
      <figcaption>One bar per table and reason, all on one scale. Quarantined rows are kept in \
      <code>quarantine/</code> with their file and line.</figcaption></figure>
      \(table)
      </section>
      """
  }

  private func htmlConsent() -> String {
    let rows: [(String, String, Int64, Bool)] = [
      ("Customers (distinct, in landing)", "customers", consent.customers, false),
      ("Consented: admitted to customer_trusted", "consented", consent.consented, true),
      ("Not consented", "notConsented", consent.notConsented, true),
      ("Ambiguous records", "ambiguous", consent.ambiguous, true),
      ("Consent withdrawn", "withdrawn", consent.withdrawn, true),
      ("In customer_curated", "curated", consent.curated, true),
      (
        "Readings excluded: taken before consent", "readingsBeforeConsent",
        consent.readingsBeforeConsent, false
      ),
      (
        "Readings excluded: customer without consent", "readingsWithoutConsent",
        consent.readingsWithoutConsent, false
      ),
    ]
    let body = rows.map { name, field, value, share in
      "<tr><th scope=\"row\">\(ReportText.html(name))</th>"
        + "<td class=\"num\">\(number("consent.\(field)", value))</td>"
        + "<td class=\"num\">"
        + (share ? ReportText.percent(value, of: consent.customers) : "") + "</td></tr>"
    }
    return """
      <section id="consent"><h2>Consent coverage</h2>
      <p>Customers by their consent decision (distinct customers, by keyed e-mail pseudonym), and \
      the sensor readings left out for consent reasons.</p>
      <table class="kv"><thead><tr><th></th><th class="num">count</th>\
      <th class="num">share of customers</th></tr></thead><tbody>\(body.joined())</tbody></table>
      </section>
      """
  }

  private func htmlHazards() -> String {
    guard !hazards.isEmpty else {
      return "<section id=\"hazards\"><h2>Privacy hazards</h2>"
        + "<p class=\"ok\">✓ No privacy hazard was found in this run.</p></section>"
    }
    let items = hazards.enumerated().map { index, hazard in
      "<div class=\"hazard\" role=\"note\"><strong>⚠ "
        + "\(metric("hazards.\(index).kind", hazard.kind))</strong>"
        + " in <code>\(metric("hazards.\(index).table", hazard.table))</code>: "
        + "\(number("hazards.\(index).count", hazard.count)) rows. "
        + "\(ReportText.html(hazard.description))</div>"
    }
    return "<section id=\"hazards\"><h2>Privacy hazards</h2>\(items.joined())</section>"
  }

  private func htmlVerification() -> String {
    let rows = verification.checks.enumerated().map { index, check in
      let shown = check.passed ? Array(check.details.prefix(1)) : Array(check.details.prefix(10))
      var details = shown.map(ReportText.html).joined(separator: "<br>")
      if !check.passed, check.details.count > 10 {
        details += "<br>… and \(check.details.count - 10) more"
      }
      return
        "<tr><td class=\"tick \(check.passed ? "ok" : "bad")\" "
        + "data-metric=\"verification.checks.\(index).passed\" "
        + "data-value=\"\(check.passed)\" aria-label=\"\(check.passed ? "passed" : "failed")\">"
        + "\(check.passed ? "✓" : "✗")</td>"
        + "<td>\(metric("verification.checks.\(index).name", check.name))</td>"
        + "<td class=\"mono\">\(details)</td></tr>"
    }
    let keys = verification.trustedKeys.map { "<code>\(ReportText.html($0))</code>" }
    let warnings = verification.warnings.map { "<p class=\"warning\">Warning: \(ReportText.html($0))</p>" }
    let head = verification.auditHead.map { "<p>Audit head: <code>\(ReportText.html($0))</code>.</p>" } ?? ""
    return """
      <section id="verification"><h2>Verification</h2>
      <p>The manifest signatures, the manifest chain, the audit event chain and the published \
      files, checked by <code>stedi-audit verify</code> when the report was made. Trusted keys: \
      \(keys.joined(separator: ", ")) (\(ReportText.html(verification.keySource))).</p>\
      \(warnings.joined())\(head)
      <table><thead><tr><th class="tick"></th><th>check</th><th>details</th></tr></thead>\
      <tbody>\(rows.joined())</tbody></table>
      </section>
      """
  }

  private func htmlChanges() -> String {
    guard let changes else {
      return "<section id=\"changes\"><h2>Changes since the previous run</h2>"
        + "<p>This is the first run of the workspace.</p></section>"
    }
    let rows = changes.tables.map { table in
      let path = "changes.tables.\(table.table)"
      return "<tr><th scope=\"row\">\(ReportText.html(table.table))</th>"
        + "<td class=\"num\">\(number("\(path).before", table.before))</td>"
        + "<td class=\"num\">\(number("\(path).now", table.now))</td>"
        + "<td class=\"num\">"
        + ReportText.html(ReportText.delta(table.now - table.before)) + "</td></tr>"
    }
    let flag = { (path: String, changed: Bool) in
      "<strong data-metric=\"\(path)\" data-value=\"\(changed)\">"
        + (changed ? "changed" : "unchanged") + "</strong>"
    }
    return """
      <section id="changes"><h2>Changes since the previous run</h2>
      <p>Previous run \(metric("changes.previousRunId", changes.previousRunId, code: true)). \
      Policy \(flag("changes.policyChanged", changes.policyChanged)); \
      inputs \(flag("changes.inputsChanged", changes.inputsChanged)).</p>
      <table><thead><tr><th>table</th><th class="num">rows out before</th>\
      <th class="num">rows out now</th><th class="num">change</th></tr></thead>\
      <tbody>\(rows.joined())</tbody></table>\(htmlPolicyDiff(changes.policyDiff))
      </section>
      """
  }

  /// The policy's changed lines, added and removed ones marked (`<ins>`, `<del>`).
  private func htmlPolicyDiff(_ lines: [PolicyDiffLine]) -> String {
    guard !lines.isEmpty else { return "" }
    let body = lines.map { line -> String in
      let text = ReportText.html(Self.diffLine(line))
      switch line.kind {
      case .added: return "<ins>\(text)</ins>"
      case .removed: return "<del>\(text)</del>"
      case .context, .skipped: return "<span>\(text)</span>"
      }
    }
    return "\n<h3>Policy changes</h3><p>Lines of the previous run's policy (−) and this run's (+).</p>"
      + "<pre class=\"policy-diff\">\(body.joined())</pre>"
  }

  private func htmlHourlyReadings() -> String {
    guard !readingsPerHour.isEmpty else { return "" }
    let rows = readingsPerHour.map { hour in
      "<tr><td>\(ReportText.html(hour.hour))</td><td class=\"num\">"
        + number("readingsPerHour.\(hour.hour).accelerometer", hour.accelerometer) + "</td>"
        + "<td class=\"num\">"
        + number("readingsPerHour.\(hour.hour).stepTrainer", hour.stepTrainer) + "</td></tr>"
    }
    return """
      <h3>Per hour</h3>
      <figure>\(ReportCharts.readings(hours: readingsPerHour))
      <figcaption>The same readings per UTC hour of the reading.</figcaption></figure>
      <details\(rows.count <= 48 ? " open" : "")><summary>The numbers, per hour</summary>\
      <table><thead><tr><th>hour (UTC)</th><th class="num">accelerometer</th>\
      <th class="num">step trainer</th></tr></thead><tbody>\(rows.joined())</tbody></table></details>
      """
  }

  private func htmlReadings() -> String {
    let rows = readingsPerDay.map { day in
      "<tr><td>\(ReportText.html(day.day))</td>"
        + "<td class=\"num\">"
        + number("readingsPerDay.\(day.day).accelerometer", day.accelerometer) + "</td>"
        + "<td class=\"num\">"
        + number("readingsPerDay.\(day.day).stepTrainer", day.stepTrainer) + "</td></tr>"
    }
    let total = readingsTotal
    let caption =
      readingsPerDay.count > 31
      ? "Solid line: accelerometer; dashed line: step trainer."
      : "Pairs of bars per day: accelerometer (blue), step trainer (purple)."
    let table =
      rows.isEmpty
      ? ""
      : "<details\(rows.count <= 31 ? " open" : "")><summary>The numbers, per day</summary>"
        + "<table><thead><tr><th>day (UTC)</th><th class=\"num\">accelerometer</th>"
        + "<th class=\"num\">step trainer</th></tr></thead><tbody>\(rows.joined())</tbody>"
        + "</table></details>"
    return """
      <section id="readings"><h2>Admitted readings over time</h2>
      <p>\(ReportText.grouped(total.accelerometer)) accelerometer and \
      \(ReportText.grouped(total.stepTrainer)) step-trainer readings admitted to the trusted zone, \
      per UTC day of the reading.</p>
      <figure>\(ReportCharts.readings(readingsPerDay))
      <figcaption>\(caption)</figcaption></figure>
      \(table)\(htmlHourlyReadings())
      </section>
      """
  }

  private func htmlWithdrawals() -> String {
    guard !withdrawals.isEmpty else {
      return "<section id=\"withdrawals\"><h2>Consent withdrawals</h2>"
        + "<p>No withdrawal is recorded in the workspace.</p></section>"
    }
    let rows = withdrawals.enumerated().map { index, withdrawal in
      "<tr><td>\(metric("withdrawals.\(index).pseudonym", withdrawal.pseudonym, code: true))</td>"
        + "<td>\(ReportText.html(ReportText.timestamp(withdrawal.asOf)))</td>"
        + "<td>\(ReportText.html(ReportText.timestamp(withdrawal.recordedAt)))</td></tr>"
    }
    return """
      <section id="withdrawals"><h2>Consent withdrawals</h2>
      <table><thead><tr><th>pseudonym</th><th>consent withdrawn as of</th><th>recorded</th></tr>\
      </thead><tbody>\(rows.joined())</tbody></table>
      </section>
      """
  }

  /// A number shown grouped (`12,345`), with its path and raw value for machines.
  func number(_ path: String, _ value: Int64) -> String {
    "<span data-metric=\"\(ReportText.html(path))\" data-value=\"\(value)\">"
      + "\(ReportText.grouped(value))</span>"
  }

  /// A text value with its path; the shown text is the value itself.
  func metric(_ path: String, _ value: String, code: Bool = false) -> String {
    let tag = code ? "code" : "span"
    return "<\(tag) data-metric=\"\(ReportText.html(path))\">\(ReportText.html(value))</\(tag)>"
  }
}
