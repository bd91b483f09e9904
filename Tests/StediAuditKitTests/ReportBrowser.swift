import Foundation
import Testing

/// A real headless browser (Chromium from Debian's packages) for the HTML report's tests, and
/// the reading of `data-metric` values back from the DOM it renders.
enum ReportBrowser {
  /// A failure the test reports as it is (never a skip).
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// One element of the rendered DOM that carries `data-metric`.
  struct Metric: Hashable {
    var path: String
    var value: String?
    var text: String
  }

  /// A JSON value, decoded without Foundation's number bridging (so `true` is never `1`).
  indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int64), double(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        self = .null
      } else if let value = try? container.decode(Bool.self) {
        self = .bool(value)
      } else if let value = try? container.decode(Int64.self) {
        self = .int(value)
      } else if let value = try? container.decode(Double.self) {
        self = .double(value)
      } else if let value = try? container.decode(String.self) {
        self = .string(value)
      } else if let value = try? container.decode([JSONValue].self) {
        self = .array(value)
      } else {
        self = .object(try container.decode([String: JSONValue].self))
      }
    }

    /// The value as the HTML shows it in `data-value` (`true`, `42`, the string itself).
    var plain: String? {
      switch self {
      case .bool(let value): String(value)
      case .int(let value): String(value)
      case .string(let value): value
      default: nil
      }
    }

    subscript(key: String) -> JSONValue? {
      if case .object(let members) = self { return members[key] }
      return nil
    }

    /// The value at a `data-metric` path (docs/reports.md): object keys; array elements by index
    /// or by their `table`, `day`, `hour` or `name`; and the derived `verification.passed`,
    /// `funnel.<table>.excludedTotal` and `funnel.<table>.quarantinedTotal`.
    func resolve(_ path: String) -> JSONValue? {
      var node: JSONValue? = self
      for segment in path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
        guard let current = node else { return nil }
        switch current {
        case .object(let members):
          node = members[segment] ?? Self.derived(segment, of: members)
        case .array(let elements):
          if let index = Int(segment) {
            node = elements.indices.contains(index) ? elements[index] : nil
          } else {
            node = elements.first { element in
              ["table", "day", "hour", "name"].contains { element[$0] == .string(segment) }
            }
          }
        default:
          return nil
        }
      }
      return node
    }

    private static func derived(_ key: String, of members: [String: JSONValue]) -> JSONValue? {
      func sum(_ field: String) -> JSONValue? {
        guard case .object(let counts) = members[field] else { return nil }
        return .int(
          counts.values.reduce(0) { total, value in
            if case .int(let count) = value { return total + count }
            return total
          })
      }
      switch key {
      case "passed":
        guard case .array(let checks) = members["checks"] else { return nil }
        return .bool(checks.allSatisfy { $0["passed"] == .bool(true) })
      case "excludedTotal": return sum("excluded")
      case "quarantinedTotal": return sum("quarantined")
      default: return nil
      }
    }
  }

  /// The Chromium executable: found on PATH, else installed with `apt-get install -y chromium`
  /// (after `apt-get update` if that fails).
  /// - Throws: `Failure` if it can't be found or installed.
  static func chromium() throws -> URL {
    if let found = locate() { return found }
    var log = ""
    let install = [
      "install", "-y", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=600", "chromium",
    ]
    if let apt = which("apt-get") {
      var result = try run(apt, install, timeout: 1_500)
      log += result.output
      if result.status != 0 {
        result = try run(apt, ["update"], timeout: 600)
        log += result.output
        result = try run(apt, install, timeout: 1_500)
        log += result.output
      }
    }
    if let found = locate() { return found }
    throw Failure(
      description: """
        Chromium is needed to test the HTML report in a real browser, and it is not installed: \
        neither `chromium` nor `chromium-browser` is on PATH, and `apt-get install -y chromium` \
        did not provide it (run it as root). apt-get said:
        \(log.suffix(2_000))
        """)
  }

  /// Runs headless Chromium on `page` and returns the DOM it built (`--dump-dom`).
  static func dumpDOM(_ page: URL, chromium: URL, profile: URL) throws -> String {
    let result = try run(
      chromium, flags(profile) + ["--dump-dom", page.absoluteString], timeout: 180)
    guard result.status == 0, result.stdout.contains("</html>") else {
      throw Failure(
        description: "chromium --dump-dom failed (\(result.status)): \(result.output.suffix(2_000))"
      )
    }
    return result.stdout
  }

  /// Takes a screenshot of `page` at `width`×`height` into `png`.
  static func screenshot(
    _ page: URL, to png: URL, width: Int, height: Int, chromium: URL, profile: URL
  ) throws {
    let arguments =
      flags(profile) + [
        "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png.path)",
        page.absoluteString,
      ]
    let result = try run(chromium, arguments, timeout: 180)
    guard result.status == 0 else {
      throw Failure(
        description:
          "chromium --screenshot failed (\(result.status)): \(result.output.suffix(2_000))")
    }
  }

  /// Every element with `data-metric` in serialized HTML: its path, `data-value` and text.
  static func metrics(in html: String) throws -> [Metric] {
    let element = try Regex(#"<[a-zA-Z][a-zA-Z0-9]*\s([^>]*\bdata-metric="[^"]*"[^>]*)>([^<]*)"#)
    let metric = try Regex(#"\bdata-metric="([^"]*)""#)
    let value = try Regex(#"\bdata-value="([^"]*)""#)
    return html.matches(of: element).compactMap { match in
      guard let attributes = match.output[1].substring.map(String.init),
        let path = attributes.firstMatch(of: metric)?.output[1].substring
      else { return nil }
      let raw = attributes.firstMatch(of: value)?.output[1].substring.map { unescape(String($0)) }
      let text = unescape(String(match.output[2].substring ?? ""))
      return Metric(
        path: unescape(String(path)), value: raw,
        text: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
  }

  /// The width and height of a PNG, from its IHDR chunk.
  static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
      return nil
    }
    let number = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (number(16), number(20))
  }

  private static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
  }

  private static func flags(_ profile: URL) -> [String] {
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--user-data-dir=\(profile.path)",
    ]
  }

  private static func locate() -> URL? {
    ["chromium", "chromium-browser"].lazy.compactMap(which).first
  }

  private static func which(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    let directories =
      path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin"]
    return directories.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Runs a program with `timeout` (coreutils) around it; stdout and stderr go to files, so a
  /// large output can't block the pipe.
  static func run(
    _ executable: URL, _ arguments: [String], timeout seconds: Int
  ) throws -> (status: Int32, stdout: String, output: String) {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("report-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("stdout")
    let err = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = which("timeout") ?? executable
    process.arguments =
      process.executableURL == executable ? arguments : ["\(seconds)", executable.path] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["DEBIAN_FRONTEND"] = "noninteractive"
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    return (process.terminationStatus, stdout, stdout.suffix(4_000) + stderr)
  }
}
