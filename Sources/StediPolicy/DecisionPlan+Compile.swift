import StediCore

extension DecisionPlan {
  /// Compiles a policy into its plan: the guards exactly as `docs/semantics.md` orders them.
  public init(compiling policy: Policy) {
    let decoding: [GuardCheck] = [.jsonSyntax, .tableSchema]
    // The customer's status, for every reading (and for checks of outputs made elsewhere). A
    // withdrawal overrides every other status, so it comes first.
    var status: [GuardCheck] = [.customerWithdrawn, .customerAmbiguous, .customerNotConsented]
    if policy.consentApplies == .fromConsentTime { status.append(.beforeConsentTime) }
    if policy.conflicts == .keepAll { status.removeAll { $0 == .customerAmbiguous } }

    var customers = decoding
    if policy.conflicts == .latestUpdateWins {
      customers += [.exactCopy, .tiedLatestUpdate, .olderUpdate]
    }
    customers += [.recordWithoutConsent, .customerWithdrawn]

    var steps = decoding + [.serialUnknown]
    if policy.stepTrainerRequiresCuratedCustomer { steps.append(.serialNotCurated) }
    // Under the course's rules a curated serial suffices when consent applies whenever present.
    if !(policy.stepTrainerRequiresCuratedCustomer && policy.consentApplies == .wheneverPresent) {
      steps += [.serialShared] + status
    }

    let timeOnly = policy.machineLearningJoin == .timeOnly
    func table(
      _ id: TableID, _ inputs: [TableID], after: [TableID], _ scope: Scope, _ guards: [GuardCheck]
    ) -> Table {
      Table(
        table: id, inputs: inputs, after: after, scope: scope, guards: guards.map(Guard.init),
        columns: policy.columns(of: id))
    }
    let customerTrusted = table(.customerTrusted, [.customerLanding], after: [], .group, customers)
    let accelerometer = table(
      .accelerometerTrusted, [.accelerometerLanding], after: [.customerTrusted], .row,
      decoding + [.userUnknown] + status)
    let stepTrainer = table(
      .stepTrainerTrusted, [.stepTrainerLanding],
      after: policy.stepTrainerRequiresCuratedCustomer
        ? [.customerTrusted, .customerCurated] : [.customerTrusted],
      .row, steps)
    let curated = table(
      .customerCurated, [.customerTrusted], after: [.customerTrusted, .accelerometerTrusted], .row,
      [.customerWithoutReadings, .customerAlreadyCurated])
    // The cross-customer hazard needs to know who owns each serial: the curated customers.
    let machineLearning = table(
      .machineLearningCurated, [.stepTrainerTrusted, .accelerometerTrusted],
      after: [.stepTrainerTrusted, .accelerometerTrusted] + (timeOnly ? [.customerCurated] : []),
      .join,
      [.noJoinPartner])
    let ordered =
      policy.stepTrainerRequiresCuratedCustomer
      ? [customerTrusted, accelerometer, curated, stepTrainer, machineLearning]
      : [customerTrusted, accelerometer, stepTrainer, curated, machineLearning]

    var keys: [JoinKey] = timeOnly ? [] : [JoinKey(left: "customer", right: "customer")]
    keys.append(JoinKey(left: "sensorReadingTime", right: "timestamp"))
    let kind = HazardKind.crossCustomerJoin
    self.init(
      format: Self.currentFormat,
      policy: Source(name: policy.name, sha256: policy.digest, description: policy.description),
      identity: Identity(
        keyMatch: policy.input.keyMatch, emailMatch: policy.emailMatch, conflicts: policy.conflicts,
        updateTime: [.lastUpdateDate, .registrationDate], consentField: policy.consentField,
        consentApplies: policy.consentApplies, stepTrainerCustomer: "serial_number",
        pseudonym: "hmac-sha256"),
      landing: Self.landingTables,
      tables: ordered,
      joins: [
        Join(
          table: .machineLearningCurated, rule: policy.machineLearningJoin,
          left: .stepTrainerTrusted,
          right: .accelerometerTrusted, keys: keys)
      ],
      hazards: timeOnly
        ? [
          Hazard(
            kind: kind, table: .machineLearningCurated,
            when:
              "the accelerometer row's customer has no customer_curated row with the step-trainer row's serial number",
            description: kind.summary)
        ] : [])
  }

  /// The landing tables' fields (`docs/semantics.md`, "Reading landing data").
  static let landingTables: [LandingTable] = [
    LandingTable(
      table: .customerLanding, source: "customer",
      fields: [
        Field(name: "customerName", kind: "identity_string", required: false),
        Field(name: "email", kind: "key_string", required: true),
        Field(name: "phone", kind: "identity_string", required: false),
        Field(name: "birthDay", kind: "identity_string", required: false),
        Field(name: "serialNumber", kind: "key_string", required: true),
        Field(name: "registrationDate", kind: "time", required: false),
        Field(name: "lastUpdateDate", kind: "time", required: false),
        Field(name: "shareWithResearchAsOfDate", kind: "time", required: false),
        Field(name: "shareWithPublicAsOfDate", kind: "time", required: false),
        Field(name: "shareWithFriendsAsOfDate", kind: "time", required: false),
      ]),
    LandingTable(
      table: .accelerometerLanding, source: "accelerometer",
      fields: [
        Field(name: "user", kind: "key_string", required: true),
        Field(name: "timestamp", kind: "time", required: true),
        Field(name: "x", kind: "number", required: true),
        Field(name: "y", kind: "number", required: true),
        Field(name: "z", kind: "number", required: true),
      ]),
    LandingTable(
      table: .stepTrainerLanding, source: "step_trainer",
      fields: [
        Field(name: "sensorReadingTime", kind: "time", required: true),
        Field(name: "serialNumber", kind: "key_string", required: true),
        Field(name: "distanceFromObject", kind: "number", required: true),
      ]),
  ]
}
