import Foundation
import StediAuditLog
import StediCore

extension RunSummary {
  /// The summary as a text table for the terminal.
  public func renderText() -> String {
    var out: [String] = []
    out.append("run \(runID)  policy \(policy) (sha256 \(policySHA256.prefix(12)))  pseudonym key \(pseudonymKeyID)")
    let landing = ["customer_landing", "accelerometer_landing", "step_trainer_landing"]
      .map { "\($0) \(landingRows[$0] ?? 0)" }.joined(separator: ", ")
    out.append("landing: \(landing) (\(landingFiles) files)")
    out.append("")
    out.append(pad("table", 26) + lpad("in", 11) + lpad("admitted", 11) + lpad("excluded", 11) + lpad("quarantined", 13) + lpad("out", 11))
    for table in tables {
      out.append(pad(table.table, 26) + lpad(table.rowsIn) + lpad(table.admitted) + lpad(table.excludedTotal) + lpad(table.quarantinedTotal, 13) + lpad(table.rowsOut))
      for (reason, rows) in table.excluded.sorted(by: { $0.key < $1.key }) {
        out.append(pad("  excluded: \(reason)", 48) + lpad(rows, 11))
      }
      for (reason, rows) in table.quarantined.sorted(by: { $0.key < $1.key }) {
        out.append(pad("  quarantined: \(reason)", 59) + lpad(rows, 13))
      }
    }
    out.append("")
    out.append(isConserved
      ? "conservation: ok (rows in = admitted + excluded + quarantined, every table)"
      : "conservation: FAILED")
    if !coercions.isEmpty {
      out.append("type drift accepted (docs/semantics.md, \"Type drift\"):")
      for coercion in coercions {
        out.append(pad("  \(coercion.table).\(coercion.field): \(coercion.rule)", 59) + lpad(coercion.rows, 13))
      }
    }
    for hazard in hazards {
      out.append("privacy hazard \(hazard.kind): \(hazard.count) \(hazard.table.rawValue) rows — \(hazard.description)")
    }
    out.append("lineage: \(movements) movements recorded in \(auditLog)")
    if let manifest, let merkleRoot {
      out.append("signed manifest: \(manifest) (audit Merkle root \(merkleRoot.prefix(16))…)")
    }
    out.append("outputs: \(workspace)/{trusted,curated,quarantine} (\(String(format: "%.2f", Double(finishedAt - startedAt) / 1000)) s)")
    if let auditHead { out.append("audit head: \(auditHead)") }
    return out.joined(separator: "\n")
  }

  /// The summary as JSON (sorted keys).
  public func renderJSON() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}

private func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

private func lpad(_ value: Int64, _ width: Int = 11) -> String { lpad(String(value), width) }

private func lpad(_ text: String, _ width: Int = 11) -> String {
  text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
}
