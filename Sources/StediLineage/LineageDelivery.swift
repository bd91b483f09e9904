/// How OpenLineage events of one run were written and delivered. Contains no event content.
public struct LineageDelivery: Hashable, Sendable, Codable {
  /// The events file (relative to the workspace: `lineage/openlineage.jsonl`).
  public var file: String
  /// Events appended to the file.
  public var written: Int
  /// The endpoint (`http://host:port/path`), if one was given.
  public var endpoint: String?
  /// Events the endpoint accepted (2xx).
  public var delivered: Int = 0
  /// Events not delivered (after every attempt, or skipped once the endpoint had failed).
  public var undelivered: Int = 0
  /// Why the first undelivered event failed, e.g. `HTTP 500 after 3 attempts`.
  public var failure: String?

  public init(file: String, written: Int, endpoint: String? = nil) {
    self.file = file
    self.written = written
    self.endpoint = endpoint
  }

  /// One line for the console when something went wrong, nil if all is well.
  public var warning: String? {
    if let failure, let endpoint {
      return "OpenLineage: \(undelivered) of \(written) events not delivered to \(endpoint) "
        + "(\(failure)); the run is published and the events are in \(file)"
    }
    return nil
  }
}
