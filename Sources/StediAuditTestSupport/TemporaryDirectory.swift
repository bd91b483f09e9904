public import Foundation

/// A fresh directory for one test, removed when the value is released.
public final class TemporaryDirectory: Sendable {
  public let url: URL

  public init(_ label: String = "stedi-audit-test") {
    let base = FileManager.default.temporaryDirectory
    url = base.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { remove() }

  /// Removes the directory now (for a test that checks what is left, or frees space early).
  public func remove() { try? FileManager.default.removeItem(at: url) }

  /// A path inside the directory.
  public func path(_ component: String) -> URL { url.appendingPathComponent(component) }

  /// Writes a file of these bytes inside the directory; returns its URL.
  public func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let file = path(name)
    try Data(bytes).write(to: file)
    return file
  }
}
