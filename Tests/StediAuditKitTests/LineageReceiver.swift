import Foundation
import Testing

/// A tiny OpenLineage HTTP receiver on 127.0.0.1 (Python's http.server), started by a test.
/// It appends every request (path and body, one line each) to a log file and answers as its
/// mode says: `ok` (201), `error` (500), `slow` (logs, then answers only after 30 s), or
/// `down` (binds a port, then exits: connections to it are refused).
final class LineageReceiver {
  enum Mode: String, CaseIterable, Sendable { case ok, error, slow, down }

  let process = Process()
  let port: Int
  let log: URL

  static let script = """
    import http.server, sys, time
    mode, log = sys.argv[1], sys.argv[2]
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with open(log, "ab") as handle:
                handle.write(self.path.encode() + b" " + body + b"\\n")
            if mode == "slow":
                time.sleep(30)
            self.send_response(500 if mode == "error" else 201)
            self.send_header("Content-Length", "0")
            self.end_headers()
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    if mode == "down":
        server.server_close()
        sys.exit(0)
    server.serve_forever()
    """

  init(_ mode: Mode, in directory: URL) throws {
    log = directory.appendingPathComponent("received-\(mode.rawValue).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let out = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", Self.script, mode.rawValue, log.path]
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var text = ""
    while !text.contains("\n") {
      let data = out.fileHandleForReading.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      process.terminate()
      throw ReportBrowser.Failure(description: "the receiver did not start: \(text)")
    }
    self.port = port
    if mode == .down { process.waitUntilExit() }
  }

  var url: String { "http://127.0.0.1:\(port)" }

  /// The requests received so far: (path, body).
  func requests() throws -> [(path: String, body: String)] {
    try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map { line in
      let space = line.firstIndex(of: " ") ?? line.endIndex
      return (String(line[..<space]), String(line[space...].dropFirst()))
    }
  }

  /// Stops the receiver with SIGKILL (a test process may hand its children a blocked SIGTERM).
  func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }
}
