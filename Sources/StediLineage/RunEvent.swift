/// An OpenLineage run event (spec 2-0-2, `OpenLineage.json#/$defs/RunEvent`): a job run's
/// state change, with its input and output datasets and their facets.
///
/// ```swift
/// let event = RunEvent(
///   eventType: .start, eventTime: "2026-12-02T10:00:00.000Z", producer: producer,
///   run: .init(runId: runID), job: .init(namespace: "file://lake", name: "stedi-audit.run"))
/// let line = try event.jsonLine()  // one line of WORKSPACE/lineage/openlineage.jsonl
/// ```
public struct RunEvent: Hashable, Sendable, Codable {
  /// The schema every event claims (the `$id` of the official `OpenLineage.json`).
  public static let schemaURL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"

  public enum EventType: String, Hashable, Sendable, Codable {
    case start = "START", running = "RUNNING", complete = "COMPLETE", abort = "ABORT"
    case fail = "FAIL", other = "OTHER"
  }

  public var eventType: EventType
  /// RFC 3339 time with milliseconds, UTC.
  public var eventTime: String
  public var producer: String
  public var schemaURL: String = Self.schemaURL
  public var run: Run
  public var job: Job
  public var inputs: [Dataset] = []
  public var outputs: [Dataset] = []

  public init(
    eventType: EventType, eventTime: String, producer: String, run: Run, job: Job,
    inputs: [Dataset] = [], outputs: [Dataset] = []
  ) {
    self.eventType = eventType
    self.eventTime = eventTime
    self.producer = producer
    self.run = run
    self.job = job
    self.inputs = inputs
    self.outputs = outputs
  }

  public struct Run: Hashable, Sendable, Codable {
    /// A UUID (the spec requires `format: uuid`).
    public var runId: String
    public var facets: [String: LineageJSON]?

    public init(runId: String, facets: [String: LineageJSON]? = nil) {
      self.runId = runId
      self.facets = facets
    }
  }

  public struct Job: Hashable, Sendable, Codable {
    public var namespace: String
    public var name: String
    public var facets: [String: LineageJSON]?

    public init(namespace: String, name: String, facets: [String: LineageJSON]? = nil) {
      self.namespace = namespace
      self.name = name
      self.facets = facets
    }
  }

  /// An input or output dataset; `inputFacets` only on inputs, `outputFacets` only on outputs.
  public struct Dataset: Hashable, Sendable, Codable {
    public var namespace: String
    public var name: String
    public var facets: [String: LineageJSON]?
    public var inputFacets: [String: LineageJSON]?
    public var outputFacets: [String: LineageJSON]?

    public init(
      namespace: String, name: String, facets: [String: LineageJSON]? = nil,
      inputFacets: [String: LineageJSON]? = nil, outputFacets: [String: LineageJSON]? = nil
    ) {
      self.namespace = namespace
      self.name = name
      self.facets = facets
      self.inputFacets = inputFacets
      self.outputFacets = outputFacets
    }
  }
}
