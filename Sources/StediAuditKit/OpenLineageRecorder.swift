import Foundation
import Logging
import StediLineage
import StediPolicy
import StediZones

/// Writes a run's OpenLineage events as it goes (START when it begins, COMPLETE or FAIL when it
/// ends) and delivers them all, in order, once the run is published or has failed, so that an
/// endpoint that is down or slow never delays or fails the publication. Never throws: every
/// problem becomes one warning.
struct OpenLineageRecorder {
  let emitter: OpenLineageEmitter
  let transport: LineageTransport
  let logger: Logger

  /// - Throws: `ToolkitError.usage` for an endpoint that is not `http://host[:port][/path]`
  ///   (checked before the run starts).
  init(
    options: OpenLineageOptions, workspace: Workspace, command: String, runID: String, policy: Policy,
    pseudonymKeyID: String, logger: Logger
  ) throws(ToolkitError) {
    emitter = OpenLineageEmitter(
      options: options, workspace: workspace.root, command: command, runID: runID, policy: policy,
      pseudonymKeyID: pseudonymKeyID)
    var transport = LineageTransport(
      file: workspace.root.appendingPathComponent(OpenLineageEmitter.fileName),
      displayName: "WORKSPACE/" + OpenLineageEmitter.fileName)
    if let url = options.url {
      do throws(LineageError) { transport.endpoint = try HTTPEndpoint(parsing: url) } catch {
        throw .usage("--openlineage-url: expected http://host[:port][/path]")
      }
    }
    transport.timeout = max(0.05, options.timeout)
    transport.attempts = max(1, options.attempts)
    self.transport = transport
    self.logger = logger
  }

  /// The state between START and the end: the lines written so far, and a write failure.
  struct Pending {
    var lines: [Data] = []
    var written = 0
    var failure: String?
  }

  func start(at time: Int64) -> Pending {
    var pending = Pending()
    append(emitter.startEvents(at: time), to: &pending)
    return pending
  }

  func complete(_ pending: Pending, summary: RunSummary, manifestSHA256: String?, at time: Int64) -> OpenLineageSummary {
    var pending = pending
    append(emitter.completeEvents(summary: summary, manifestSHA256: manifestSHA256, at: time), to: &pending)
    return finish(pending)
  }

  func fail(_ pending: Pending, error: any Error, at time: Int64) -> OpenLineageSummary {
    var pending = pending
    let message = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
    append(emitter.failEvents(message: message, at: time), to: &pending)
    return finish(pending)
  }

  private func append(_ events: [RunEvent], to pending: inout Pending) {
    do throws(LineageError) {
      pending.lines += try transport.append(events)
      pending.written += events.count
    } catch {
      // The events still go to the endpoint; only the file is missing them.
      pending.failure = pending.failure ?? error.localizedDescription
      pending.lines += events.compactMap { try? $0.jsonLine() }
    }
  }

  private func finish(_ pending: Pending) -> OpenLineageSummary {
    let delivery = transport.deliver(pending.lines, written: pending.written)
    let summary = OpenLineageSummary(delivery, writeFailure: pending.failure)
    if let warning = summary.warning { logger.warning("\(warning)") }
    return summary
  }
}
