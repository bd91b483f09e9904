import StediLineage

/// The facets stedi-audit emits, with the schema each one declares (`_schemaURL`): the
/// official OpenLineage facet schemas, and one custom facet, `stediAudit_curation`
/// (`docs/openlineage/StediAuditCurationRunFacet.json`).
enum OpenLineageFacets {
  enum Kind: String, CaseIterable {
    case schema, columnLineage, outputStatistics, inputStatistics, version, documentation
    case jobType, jobDocumentation, processingEngine, parent, errorMessage, curation

    /// The key under which the facet appears in its `facets` object.
    var key: String {
      switch self {
      case .jobDocumentation: "documentation"
      case .processingEngine: "processing_engine"
      case .curation: "stediAudit_curation"
      default: rawValue
      }
    }

    var schemaURL: String {
      let (version, name) =
        switch self {
        case .schema: ("1-2-0", "SchemaDatasetFacet")
        case .columnLineage: ("1-2-0", "ColumnLineageDatasetFacet")
        case .outputStatistics: ("1-0-2", "OutputStatisticsOutputDatasetFacet")
        case .inputStatistics: ("1-0-0", "InputStatisticsInputDatasetFacet")
        case .version: ("1-0-1", "DatasetVersionDatasetFacet")
        case .documentation: ("1-1-0", "DocumentationDatasetFacet")
        case .jobType: ("2-0-4", "JobTypeJobFacet")
        case .jobDocumentation: ("1-1-0", "DocumentationJobFacet")
        case .processingEngine: ("1-1-1", "ProcessingEngineRunFacet")
        case .parent: ("1-2-0", "ParentRunFacet")
        case .errorMessage: ("1-0-1", "ErrorMessageRunFacet")
        case .curation: ("1-0-0", "StediAuditCurationRunFacet")
        }
      let base = self == .curation ? OpenLineageEmitter.customSchemaBase : "https://openlineage.io/spec/facets"
      return "\(base)/\(version)/\(name).json#/$defs/\(name)"
    }
  }

  /// A facet: its fields plus `_producer` and `_schemaURL`.
  static func facet(_ kind: Kind, _ fields: [String: LineageJSON]) -> LineageJSON {
    var all = fields
    all["_producer"] = .string(OpenLineageEmitter.producer)
    all["_schemaURL"] = .string(kind.schemaURL)
    return .object(all)
  }
}
