import Foundation
import StediCore
import StediPolicy
import Testing

/// The decision plan: its guards in the order of `docs/semantics.md`, dependencies, joins and
/// hazards, for both profiles and for policies of one's own; and the engine that follows it.
struct DecisionPlanTests {
  static func guards(_ plan: DecisionPlan, _ table: TableID) -> [String] {
    plan.guards(of: table).map(\.rawValue)
  }

  static func reasons(_ plan: DecisionPlan, _ table: TableID) -> [String] {
    plan.table(table)?.guards.map(\.reason.rawValue) ?? []
  }

  @Test func strictGuardsAreTheDocumentedOrder() throws {
    let plan = DecisionPlan(compiling: try PolicyLoader.builtin("strict"))
    #expect(
      plan.tables.map(\.table) == [
        .customerTrusted, .accelerometerTrusted, .stepTrainerTrusted, .customerCurated,
        .machineLearningCurated,
      ])
    #expect(
      Self.reasons(plan, .customerTrusted) == [
        "malformed", "schema_violation", "duplicate", "ambiguous_customer", "superseded",
        "no_consent", "withdrawn",
      ])
    #expect(
      Self.reasons(plan, .accelerometerTrusted) == [
        "malformed", "schema_violation", "unknown_user", "withdrawn", "ambiguous_customer",
        "no_consent", "before_consent",
      ])
    #expect(
      Self.reasons(plan, .stepTrainerTrusted) == [
        "malformed", "schema_violation", "unknown_serial", "ambiguous_serial", "withdrawn",
        "ambiguous_customer",
        "no_consent", "before_consent",
      ])
    #expect(Self.reasons(plan, .customerCurated) == ["no_readings", "duplicate"])
    #expect(Self.reasons(plan, .machineLearningCurated) == ["no_match"])
    #expect(plan.table(.stepTrainerTrusted)?.after == [.customerTrusted])
    #expect(plan.table(.customerCurated)?.after == [.customerTrusted, .accelerometerTrusted])
    #expect(
      plan.table(.machineLearningCurated)?.after == [.stepTrainerTrusted, .accelerometerTrusted])
    #expect(plan.joins.map(\.rule) == [.customerAndTime])
    #expect(plan.joins.first?.keys.map(\.left) == ["customer", "sensorReadingTime"])
    #expect(plan.joins.first?.keys.map(\.right) == ["customer", "timestamp"])
    #expect(plan.hazards.isEmpty)
    #expect(
      plan.table(.customerCurated)?.columns == [
        .customerId, .registrationDate, .shareWithResearchAsOfDate,
      ])
    #expect(
      plan.identity.emailMatch == .caseInsensitive
        && plan.identity.consentApplies == .fromConsentTime)
    #expect(!plan.reasons.contains(.notCurated))
  }

  @Test func rubricGuardsAreTheDocumentedOrder() throws {
    let plan = DecisionPlan(compiling: try PolicyLoader.builtin("udacity-rubric"))
    #expect(
      plan.tables.map(\.table) == [
        .customerTrusted, .accelerometerTrusted, .customerCurated, .stepTrainerTrusted,
        .machineLearningCurated,
      ])
    #expect(
      Self.guards(plan, .customerTrusted) == [
        "json_syntax", "table_schema", "record_without_consent", "customer_withdrawn",
      ])
    #expect(
      Self.reasons(plan, .accelerometerTrusted) == [
        "malformed", "schema_violation", "unknown_user", "withdrawn", "no_consent",
      ])
    #expect(
      Self.reasons(plan, .stepTrainerTrusted) == [
        "malformed", "schema_violation", "unknown_serial", "not_curated",
      ])
    #expect(Self.reasons(plan, .customerCurated) == ["no_readings", "duplicate"])
    #expect(plan.table(.stepTrainerTrusted)?.after == [.customerTrusted, .customerCurated])
    #expect(plan.table(.machineLearningCurated)?.after.contains(.customerCurated) == true)
    #expect(plan.joins.first?.keys.map(\.left) == ["sensorReadingTime"])
    #expect(plan.hazards.map(\.kind) == [.crossCustomerJoin])
    #expect(!plan.reasons.contains(.beforeConsent) && !plan.reasons.contains(.superseded))
  }

  /// Every table comes after the tables it depends on.
  @Test(arguments: ["strict", "udacity-rubric"])
  func tablesAreInDependencyOrder(_ profile: String) throws {
    let plan = DecisionPlan(compiling: try PolicyLoader.builtin(profile))
    var done: Set<TableID> = []
    for table in plan.tables {
      #expect(Set(table.after).isSubset(of: done), "\(table.table)")
      #expect(
        table.guards.allSatisfy {
          $0.reason == $0.check.reason && $0.decision == $0.reason.decision
        })
      done.insert(table.table)
    }
    #expect(done == Set(TableID.outputs))
  }

  @Test func aPolicyOfOnesOwnCompilesToItsOwnGuards() throws {
    let text = try PolicyLoader.builtinText("strict")
      .replacingOccurrences(
        of: "step_trainer_requires_curated_customer: false",
        with: "step_trainer_requires_curated_customer: true"
      )
      .replacingOccurrences(of: "conflicts: latest_update_wins", with: "conflicts: keep_all")
    let plan = DecisionPlan(compiling: try PolicyLoader.compile(text: text, file: "own.yaml"))
    #expect(
      Self.reasons(plan, .stepTrainerTrusted) == [
        "malformed", "schema_violation", "unknown_serial", "not_curated", "ambiguous_serial",
        "withdrawn", "no_consent",
        "before_consent",
      ])
    #expect(
      Self.reasons(plan, .customerTrusted) == [
        "malformed", "schema_violation", "no_consent", "withdrawn",
      ])
    #expect(
      plan.tables.map(\.table).firstIndex(of: .customerCurated) ?? 9 < plan.tables.map(\.table)
        .firstIndex(of: .stepTrainerTrusted) ?? 0)
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func thePlanSurvivesJSON(_ profile: String) throws {
    let plan = DecisionPlan(compiling: try PolicyLoader.builtin(profile))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(plan)
    #expect(try JSONDecoder().decode(DecisionPlan.self, from: data) == plan)
    #expect(try encoder.encode(DecisionPlan(compiling: try PolicyLoader.builtin(profile))) == data)
  }

  @Test func landingFieldsAreTheDecodersFields() {
    let plan = DecisionPlan(
      compiling: Policy(
        name: "x", description: "", digest: "", consentField: .shareWithResearchAsOfDate,
        consentApplies: .fromConsentTime, emailMatch: .exact, conflicts: .keepAll,
        stepTrainerRequiresCuratedCustomer: false, machineLearningJoin: .customerAndTime,
        identifiersInCurated: .forbid, columns: [:]))
    #expect(plan.landing.map(\.table) == TableID.landings)
    for table in plan.landing {
      #expect(table.fields.map(\.name) == LandingFields.names(of: table.table), "\(table.table)")
      #expect(table.source == table.table.sourceName)
    }
  }

  /// The engine walks the plan: a withdrawn customer's readings are `withdrawn` before any other
  /// guard on the customer's status, even when the customer is also ambiguous.
  @Test func theEngineCarriesOutThePlansOrder() throws {
    let policy = try PolicyLoader.builtin("strict")
    let records = [
      PolicyEngineTests.customer("t@x.io", serial: "T", consent: 100, updated: 20, name: "T1"),
      PolicyEngineTests.customer("t@x.io", serial: "T", consent: 100, updated: 20, name: "T2"),
      PolicyEngineTests.customer("n@x.io", serial: "N", consent: nil),
    ]
    let (engine, decisions) = PolicyEngine.resolveCustomers(policy: policy, records: records) {
      $0 != "n@x.io"
    }
    #expect(engine.plan == DecisionPlan(compiling: policy))
    // Records excluded for another reason keep it; only admitted ones become withdrawn.
    #expect(decisions.map(\.reason) == [.ambiguousCustomer, .ambiguousCustomer, .noConsent])
    var mutable = engine
    #expect(mutable.decide(PolicyEngineTests.accelerometer("t@x.io", 500)).reason == .withdrawn)
    #expect(engine.decide(PolicyEngineTests.step("T", 500)).reason == .withdrawn)
    #expect(mutable.decide(PolicyEngineTests.accelerometer("n@x.io", 500)).reason == .noConsent)
    let t = try #require(engine.registry.customer(emailKey: "t@x.io"))
    #expect(engine.violation(of: t, at: nil) == .withdrawn)
  }
}
