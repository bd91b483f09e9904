/// Where a run's OpenLineage events go (`docs/openlineage.md`). The events are always appended
/// to `WORKSPACE/lineage/openlineage.jsonl`; with `url` they are also POSTed to
/// `URL/api/v1/lineage`.
public struct OpenLineageOptions: Hashable, Sendable {
  /// An OpenLineage HTTP endpoint (`http://host[:port][/path]`), e.g. Marquez's
  /// `http://localhost:5000`.
  public var url: String?
  /// The namespace of jobs and datasets; by default `file://<workspace folder name>`.
  public var namespace: String?
  /// Seconds per delivery attempt.
  public var timeout: Double
  /// Attempts per event.
  public var attempts: Int

  public init(url: String? = nil, namespace: String? = nil, timeout: Double = 5, attempts: Int = 3) {
    self.url = url
    self.namespace = namespace
    self.timeout = timeout
    self.attempts = attempts
  }
}
