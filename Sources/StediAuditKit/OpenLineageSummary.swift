import StediLineage

/// How a run's OpenLineage events were written and delivered (`run --json`: `openLineage`).
public struct OpenLineageSummary: Hashable, Sendable, Codable {
  /// The events file, relative to the workspace (`lineage/openlineage.jsonl`).
  public var file: String
  public var written: Int
  public var endpoint: String?
  public var delivered: Int
  public var undelivered: Int
  /// The one-line warning shown when events were not written or not delivered.
  public var warning: String?

  init(_ delivery: LineageDelivery, writeFailure: String?) {
    file = delivery.file
    written = delivery.written
    endpoint = delivery.endpoint
    delivered = delivery.delivered
    undelivered = delivery.undelivered
    warning = writeFailure.map { "OpenLineage: \($0); the run is published" } ?? delivery.warning
  }
}
