import ArgumentParser
import StediAuditKit

/// The OpenLineage options of `run` and `withdraw` (`docs/openlineage.md`).
struct OpenLineageFlags: ParsableArguments {
  @Option(help: "Also POST the OpenLineage events to URL/api/v1/lineage (http://host[:port][/path], e.g. Marquez).")
  var openlineageUrl: String?

  @Option(help: "The OpenLineage namespace of jobs and datasets (default: file://<workspace folder name>).")
  var openlineageNamespace: String?

  @Option(help: "Seconds per OpenLineage delivery attempt.")
  var openlineageTimeout: Double = 5

  @Option(help: "OpenLineage delivery attempts per event.")
  var openlineageAttempts: Int = 3

  func validate() throws {
    if let url = openlineageUrl, !url.hasPrefix("http://") {
      throw ValidationError("--openlineage-url: expected http://host[:port][/path]")
    }
    guard openlineageTimeout > 0, openlineageTimeout <= 600 else {
      throw ValidationError("--openlineage-timeout must be between 0 and 600 seconds")
    }
    guard (1...10).contains(openlineageAttempts) else {
      throw ValidationError("--openlineage-attempts must be between 1 and 10")
    }
  }

  var options: OpenLineageOptions {
    OpenLineageOptions(
      url: openlineageUrl, namespace: openlineageNamespace, timeout: openlineageTimeout,
      attempts: openlineageAttempts)
  }
}
