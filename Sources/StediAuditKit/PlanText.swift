import StediCore
import StediPolicy

/// The text of `stedi-audit policy plan`: each table's guards in order, with each reason's
/// definition from `docs/semantics.md`.
struct PlanText {
  let plan: DecisionPlan

  func render() -> String {
    var lines: [String] = []
    let identity = plan.identity
    lines.append(
      "policy \(plan.policy.name) (sha256 \(plan.policy.sha256.prefix(16))…), plan format \(plan.format)"
    )
    if !plan.policy.description.isEmpty { lines.append("  \(plan.policy.description)") }
    lines.append("")
    lines.append("identity:")
    lines.append(
      "  email key:  \(identity.emailMatch == .caseInsensitive ? "trimmed and lower-cased" : "exact") (\(identity.emailMatch.rawValue))"
    )
    lines.append("  field keys: \(identity.keyMatch.rawValue)")
    lines.append(
      "  conflicts:  \(identity.conflicts.rawValue) (update time: \(identity.updateTime.map(\.rawValue).joined(separator: ", else ")))"
    )
    lines.append(
      "  consent:    \(identity.consentField.rawValue), \(identity.consentApplies.rawValue)")
    lines.append("  customerId: \(identity.pseudonym) of the email key")
    lines.append("")
    lines.append("order: " + plan.tables.map(\.table.rawValue).joined(separator: " → "))
    for (number, table) in plan.tables.enumerated() {
      lines.append("")
      var head =
        "\(number + 1). \(table.table.rawValue) (from \(table.inputs.map(\.rawValue).joined(separator: " and "))"
      if !table.after.isEmpty {
        head += "; after \(table.after.map(\.rawValue).joined(separator: ", "))"
      }
      lines.append(head + ")")
      lines.append(
        "   decided per \(table.scope.rawValue); the first guard a row fails gives its reason:")
      for (index, guardStep) in table.guards.enumerated() {
        lines.append("   \(index + 1). \(guardStep.check.rawValue): \(guardStep.check.summary)")
        lines.append(
          "      else \(guardStep.reason.rawValue) (\(guardStep.decision.rawValue)): \(guardStep.reason.definition)"
        )
      }
      lines.append("   otherwise admitted: \(ReasonCode.admitted.definition)")
      lines.append("   columns: \(table.columns.map(\.rawValue).joined(separator: ", "))")
    }
    lines.append("")
    for join in plan.joins {
      let keys = join.keys.map {
        "\(join.left.rawValue).\($0.left) = \(join.right.rawValue).\($0.right)"
      }
      lines.append(
        "join \(join.table.rawValue) (\(join.rule.rawValue)): one row per pair with \(keys.joined(separator: " and "))"
      )
    }
    if plan.hazards.isEmpty {
      lines.append("hazards: none")
    } else {
      for hazard in plan.hazards {
        lines.append(
          "hazard \(hazard.kind.rawValue) in \(hazard.table.rawValue), counted in every run: \(hazard.when)"
        )
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
