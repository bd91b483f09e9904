import StediCore
import StediLineage
import StediPolicy

/// The schema and column lineage of each table, as OpenLineage facets: which output column
/// comes from which input column, and how. `customerId` is a keyed pseudonym (HMAC-SHA256) of
/// the customer's email (`MASKED`); every other column is copied (`IDENTITY`).
enum OpenLineageColumns {
  /// The input tables of the job that writes `table`.
  static func inputs(of table: TableID) -> [TableID] {
    switch table {
    case .customerTrusted: [.customerLanding]
    case .accelerometerTrusted: [.accelerometerLanding, .customerLanding]
    case .stepTrainerTrusted: [.stepTrainerLanding, .customerLanding]
    case .customerCurated: [.customerTrusted, .accelerometerTrusted]
    case .machineLearningCurated: [.stepTrainerTrusted, .accelerometerTrusted]
    default: []
    }
  }

  /// The columns of a landing table (`docs/semantics.md`, "Reading landing data").
  static func landingColumns(_ table: TableID) -> [OutputColumn] {
    OutputColumn.available(in: table.trusted).filter { $0 != .customerId }
  }

  /// The SQL-like type of a column.
  static func type(of column: OutputColumn) -> String {
    switch column {
    case .registrationDate, .lastUpdateDate, .shareWithResearchAsOfDate, .shareWithPublicAsOfDate,
      .shareWithFriendsAsOfDate, .timestamp, .sensorReadingTime:
      "BIGINT"
    case .x, .y, .z, .distanceFromObject: "DOUBLE"
    default: "STRING"
    }
  }

  static func description(of column: OutputColumn) -> String? {
    switch column {
    case .customerId:
      "keyed pseudonym (HMAC-SHA256 under the workspace's pseudonym key) of the customer's email; never the email"
    case .registrationDate, .lastUpdateDate, .shareWithResearchAsOfDate, .shareWithPublicAsOfDate,
      .shareWithFriendsAsOfDate, .timestamp, .sensorReadingTime:
      "epoch milliseconds"
    default: nil
    }
  }

  /// A `schema` facet for columns.
  static func schema(_ columns: [OutputColumn]) -> LineageJSON {
    let fields: [LineageJSON] = columns.enumerated().map { index, column in
      var field: [String: LineageJSON] = [
        "name": .string(column.rawValue), "type": .string(type(of: column)),
        "ordinal_position": .integer(Int64(index + 1)),
      ]
      if let text = description(of: column) { field["description"] = .string(text) }
      return .object(field)
    }
    return OpenLineageFacets.facet(.schema, ["fields": .array(fields)])
  }

  /// Where one output column comes from: input table, field, whether it is masked, and how.
  struct Source {
    var table: TableID
    var field: String
    var masked: Bool
    var description: String
  }

  static func sources(of column: OutputColumn, in table: TableID, policy: Policy) -> [Source] {
    let name = column.rawValue
    let pseudonym = "keyed pseudonym: HMAC-SHA256 of the email key"
    let landing: TableID =
      switch table {
      case .accelerometerTrusted: .accelerometerLanding
      case .stepTrainerTrusted: .stepTrainerLanding
      default: .customerLanding
      }
    switch (table, column) {
    case (.customerTrusted, .customerId):
      return [Source(table: .customerLanding, field: "email", masked: true, description: pseudonym + " of the customer record")]
    case (.accelerometerTrusted, .customerId):
      return [Source(table: .accelerometerLanding, field: "user", masked: true, description: pseudonym + " of the reading's user (an email)")]
    case (.stepTrainerTrusted, .customerId):
      return [Source(table: .customerLanding, field: "email", masked: true,
        description: pseudonym + " of the customer who owns the reading's serialNumber")]
    case (.customerTrusted, _), (.accelerometerTrusted, _), (.stepTrainerTrusted, _):
      return [Source(table: landing, field: name, masked: false, description: "copied from \(landing.rawValue).\(name)")]
    case (.customerCurated, .customerId):
      return [pseudonymSource(in: .customerTrusted, policy: policy, identifying: "email",
        description: pseudonym + " of customer_landing.email")]
    case (.machineLearningCurated, .customerId):
      return [pseudonymSource(in: .stepTrainerTrusted, policy: policy, identifying: "serialNumber",
        description: pseudonym + " of customer_landing.email of the customer who owns the step-trainer reading's serialNumber")]
    case (.customerCurated, _):
      return [Source(table: .customerTrusted, field: name, masked: false, description: "copied (customer_landing.\(name))")]
    case (.machineLearningCurated, .user), (.machineLearningCurated, .timestamp),
      (.machineLearningCurated, .x), (.machineLearningCurated, .y), (.machineLearningCurated, .z):
      return [Source(table: .accelerometerTrusted, field: name, masked: false,
        description: "copied from the paired accelerometer reading (accelerometer_landing.\(name))")]
    case (.machineLearningCurated, _):
      return [Source(table: .stepTrainerTrusted, field: name, masked: false,
        description: "copied from the paired step-trainer reading (step_trainer_landing.\(name))")]
    default:
      return []
    }
  }

  /// Where a curated `customerId` comes from: the trusted table's `customerId` if it carries
  /// one, else the trusted column that identifies the customer, else the landing email.
  static func pseudonymSource(in trusted: TableID, policy: Policy, identifying: String, description: String) -> Source {
    let columns = policy.columns(of: trusted).map(\.rawValue)
    if columns.contains("customerId") {
      return Source(table: trusted, field: "customerId", masked: true, description: "copied: " + description)
    }
    if columns.contains(identifying) {
      return Source(table: trusted, field: identifying, masked: true, description: description)
    }
    return Source(table: .customerLanding, field: "email", masked: true, description: description)
  }

  /// Input fields that decide which rows get in (filters and joins), for the facet's `dataset`.
  static func rowDependencies(of table: TableID, policy: Policy) -> [(TableID, String, String)] {
    let consent = policy.consentField.rawValue
    switch table {
    case .customerTrusted:
      return [(.customerLanding, consent, "FILTER"), (.customerLanding, "email", "GROUP_BY")]
    case .accelerometerTrusted:
      return [(.accelerometerLanding, "user", "JOIN"), (.customerLanding, "email", "JOIN"),
        (.customerLanding, consent, "FILTER"), (.accelerometerLanding, "timestamp", "FILTER")]
    case .stepTrainerTrusted:
      return [(.stepTrainerLanding, "serialNumber", "JOIN"), (.customerLanding, "serialNumber", "JOIN"),
        (.customerLanding, consent, "FILTER"), (.stepTrainerLanding, "sensorReadingTime", "FILTER")]
    case .customerCurated:
      return [(.customerTrusted, "customerId", "JOIN"), (.accelerometerTrusted, "customerId", "JOIN")]
    case .machineLearningCurated:
      return [(.stepTrainerTrusted, "sensorReadingTime", "JOIN"), (.accelerometerTrusted, "timestamp", "JOIN")]
    default:
      return []
    }
  }

  /// The `columnLineage` facet of an output table.
  static func columnLineage(
    of table: TableID, columns: [OutputColumn], policy: Policy, namespace: String
  ) -> LineageJSON {
    var fields: [String: LineageJSON] = [:]
    for column in columns {
      let inputs: [LineageJSON] = sources(of: column, in: table, policy: policy).map { source in
        let transformation: LineageJSON = [
          "type": "DIRECT", "subtype": .string(source.masked ? "TRANSFORMATION" : "IDENTITY"),
          "description": .string(source.description), "masking": .bool(source.masked),
        ]
        return [
          "namespace": .string(namespace), "name": .string(OpenLineageEmitter.datasetName(source.table)),
          "field": .string(source.field), "transformations": [transformation],
        ]
      }
      let masked = column == .customerId
      fields[column.rawValue] = [
        "inputFields": .array(inputs),
        "transformationType": .string(masked ? "MASKED" : "IDENTITY"),
        "transformationDescription": .string(masked
          ? "keyed pseudonym (HMAC-SHA256) of the customer's email" : "identity"),
      ]
    }
    let dataset: [LineageJSON] = rowDependencies(of: table, policy: policy).map { source, field, subtype in
      [
        "namespace": .string(namespace), "name": .string(OpenLineageEmitter.datasetName(source)),
        "field": .string(field),
        "transformations": [["type": "INDIRECT", "subtype": .string(subtype), "masking": false]],
      ]
    }
    return OpenLineageFacets.facet(.columnLineage, ["fields": .object(fields), "dataset": .array(dataset)])
  }
}
