public import Foundation

/// A fresh directory for one test, removed when the value is released.
public final class TemporaryDirectory: Sendable {
  public let url: URL

  public init(_ label: String = "stedi-audit-test") {
    let base = FileManager.default.temporaryDirectory
    url = base.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// A path inside the directory.
  public func path(_ component: String) -> URL { url.appendingPathComponent(component) }
}
