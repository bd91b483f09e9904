import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A minimal HTTP/1.1 client over a POSIX socket: one `POST` per connection
/// (`Connection: close`), with one deadline for connecting, sending and reading the status line.
/// It exists so that delivering lineage needs neither libcurl nor an event loop; it speaks only
/// what an OpenLineage receiver needs.
struct HTTPClient {
  /// What came back.
  enum Outcome: Equatable {
    /// The status code of the response.
    case status(Int)
    /// No response: the reason (connection refused, timed out, …).
    case failed(String)
  }

  var timeout: Double

  /// Posts `body` as `application/json` to `path` on the endpoint and returns the status code.
  func post(_ body: Data, to endpoint: HTTPEndpoint, path: String) -> Outcome {
    let deadline = Self.now() + timeout
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if os(Linux)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list) == 0, let first = list
    else { return .failed("cannot resolve the host") }
    defer { freeaddrinfo(list) }
    var lastFailure = "cannot connect"
    var entry: UnsafeMutablePointer<addrinfo>? = first
    while let address = entry {
      entry = address.pointee.ai_next
      let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
      guard fd >= 0 else { continue }
      defer { close(fd) }
      switch connect(fd, address.pointee, deadline: deadline) {
      case .some(let reason):
        lastFailure = reason
        continue
      case .none:
        return exchange(fd, request(body, endpoint: endpoint, path: path), deadline: deadline)
      }
    }
    return .failed(lastFailure)
  }

  private func request(_ body: Data, endpoint: HTTPEndpoint, path: String) -> Data {
    let host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
    var head = "POST \(path) HTTP/1.1\r\nHost: \(host):\(endpoint.port)\r\n"
    head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
    head += "Accept: application/json\r\nConnection: close\r\nUser-Agent: stedi-audit\r\n\r\n"
    return Data(head.utf8) + body
  }

  /// Connects without blocking past the deadline; returns nil when connected, else the reason.
  private func connect(_ fd: Int32, _ address: addrinfo, deadline: Double) -> String? {
    let flags = fcntl(fd, F_GETFL, 0)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    #if canImport(Darwin)
      var one: Int32 = 1
      setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
    if Foundation.connect(fd, address.ai_addr, address.ai_addrlen) == 0 { return nil }
    guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
    guard wait(fd, events: Int16(POLLOUT), deadline: deadline) else { return "timed out connecting" }
    var error: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
    return error == 0 ? nil : String(cString: strerror(error))
  }

  /// Sends the request and reads up to the end of the status line.
  private func exchange(_ fd: Int32, _ request: Data, deadline: Double) -> Outcome {
    var sent = 0
    while sent < request.count {
      guard wait(fd, events: Int16(POLLOUT), deadline: deadline) else { return .failed("timed out sending") }
      let count = request.withUnsafeBytes { raw in
        #if os(Linux)
          send(fd, raw.baseAddress.map { $0 + sent }, raw.count - sent, Int32(MSG_NOSIGNAL))
        #else
          send(fd, raw.baseAddress.map { $0 + sent }, raw.count - sent, 0)
        #endif
      }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        return .failed(String(cString: strerror(errno)))
      }
      sent += count
    }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1024)
    while !response.contains(0x0A) {
      guard wait(fd, events: Int16(POLLIN), deadline: deadline) else { return .failed("timed out waiting for a response") }
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        return .failed(String(cString: strerror(errno)))
      }
      if count == 0 { break }
      response += buffer[0..<count]
      if response.count > 8192 { break }
    }
    return Self.status(of: response).map(Outcome.status) ?? .failed("not an HTTP response")
  }

  /// The status code of `HTTP/1.x NNN …`.
  static func status(of response: [UInt8]) -> Int? {
    let line = String(decoding: response.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
    let parts = line.split(separator: " ")
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]),
      (100...599).contains(code)
    else { return nil }
    return code
  }

  private func wait(_ fd: Int32, events: Int16, deadline: Double) -> Bool {
    while true {
      let remaining = deadline - Self.now()
      guard remaining > 0 else { return false }
      var entry = pollfd(fd: fd, events: events, revents: 0)
      let result = poll(&entry, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
      if result > 0 { return true }
      if result == 0 { continue }
      if errno != EINTR { return false }
    }
  }

  private static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
