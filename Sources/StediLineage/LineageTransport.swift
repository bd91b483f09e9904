public import Foundation

/// Writes OpenLineage events as JSON lines to a file and, if an endpoint is set, POSTs each one
/// to `ENDPOINT/api/v1/lineage` (the OpenLineage HTTP transport, as Marquez accepts it), with
/// bounded retries and timeouts.
///
/// Delivery never throws: an endpoint that is down, slow or failing costs at most
/// `attempts × timeout` for the first event, after which the remaining events are not sent (the
/// endpoint is taken to be unavailable) and the returned `LineageDelivery` says why.
///
/// ```swift
/// var transport = LineageTransport(file: lineageFile, displayName: "lineage/openlineage.jsonl")
/// transport.endpoint = try HTTPEndpoint(parsing: "http://localhost:5000")
/// let report = transport.deliver(try transport.append(events))
/// ```
public struct LineageTransport: Sendable {
  public var file: URL
  /// How the file is named in reports and warnings (never an absolute path of the machine).
  public var displayName: String
  public var endpoint: HTTPEndpoint?
  /// Seconds for one attempt (connect, send, status line).
  public var timeout: Double = 5
  /// Attempts per event (the first one included); 5xx, timeouts and refused connections are
  /// retried, 4xx are not.
  public var attempts: Int = 3
  /// Seconds to wait before the second attempt; doubled for each further one.
  public var backoff: Double = 0.25

  public init(file: URL, displayName: String) {
    self.file = file
    self.displayName = displayName
  }

  /// Appends events to the file (one JSON object per line) and returns their lines.
  ///
  /// - Throws: `LineageError.io` if the file can't be written.
  public func append(_ events: [RunEvent]) throws(LineageError) -> [Data] {
    var lines: [Data] = []
    var bytes = Data()
    for event in events {
      let line = try event.jsonLine()
      lines.append(line)
      bytes.append(line)
      bytes.append(0x0A)
    }
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      if !FileManager.default.fileExists(atPath: file.path) {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
      }
      let handle = try FileHandle(forWritingTo: file)
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: bytes)
    } catch {
      throw .io(path: displayName, reason: "cannot append OpenLineage events")
    }
    return lines
  }

  /// POSTs the events' lines in order; never throws.
  public func deliver(_ lines: [Data], written: Int? = nil) -> LineageDelivery {
    var report = LineageDelivery(
      file: displayName, written: written ?? lines.count, endpoint: endpoint?.description)
    guard let endpoint else { return report }
    let client = HTTPClient(timeout: timeout)
    let path = endpoint.basePath + "/api/v1/lineage"
    for (index, line) in lines.enumerated() {
      if let failure = send(line, client: client, endpoint: endpoint, path: path) {
        report.failure = failure
        report.undelivered = lines.count - index
        return report
      }
      report.delivered += 1
    }
    return report
  }

  /// Sends one event with retries; nil on success, else why it failed.
  private func send(_ body: Data, client: HTTPClient, endpoint: HTTPEndpoint, path: String) -> String? {
    var reason = ""
    var pause = backoff
    let tries = max(1, attempts)
    for attempt in 1...tries {
      switch client.post(body, to: endpoint, path: path) {
      case .status(let code) where (200..<300).contains(code):
        return nil
      case .status(let code) where (400..<500).contains(code) && code != 408 && code != 429:
        return "HTTP \(code), not retried"
      case .status(let code):
        reason = "HTTP \(code)"
      case .failed(let why):
        reason = why
      }
      if attempt < tries {
        Thread.sleep(forTimeInterval: pause)
        pause *= 2
      }
    }
    return "\(reason) after \(tries) attempt\(tries == 1 ? "" : "s")"
  }
}
