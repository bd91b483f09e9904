/// An `http://host[:port][/path]` endpoint. Only plain HTTP: OpenLineage receivers such as
/// Marquez listen on HTTP (`http://localhost:5000`); put a TLS proxy in front for anything else.
public struct HTTPEndpoint: Hashable, Sendable {
  public var host: String
  public var port: UInt16
  /// The path with a leading `/`, without a trailing one (`""` for the root).
  public var basePath: String

  /// Parses `http://host[:port][/path]`.
  ///
  /// - Throws: `LineageError.badURL` for any other form (https, user info, no host).
  public init(parsing url: String) throws(LineageError) {
    guard url.hasPrefix("http://") else { throw .badURL(url) }
    let rest = url.dropFirst("http://".count)
    let authority = rest.prefix { $0 != "/" }
    var path = String(rest.dropFirst(authority.count))
    while path.hasSuffix("/") { path.removeLast() }
    guard !authority.isEmpty, !authority.contains("@"), !path.contains("?"), !path.contains("#")
    else { throw .badURL(url) }
    var hostPart = Substring(authority)
    var port: UInt16 = 80
    if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
      guard let value = UInt16(authority[authority.index(after: colon)...]), value > 0 else {
        throw .badURL(url)
      }
      port = value
      hostPart = authority[..<colon]
    }
    if hostPart.hasPrefix("[") && hostPart.hasSuffix("]") {
      hostPart = hostPart.dropFirst().dropLast()
    }
    guard !hostPart.isEmpty else { throw .badURL(url) }
    host = String(hostPart)
    self.port = port
    basePath = path
  }

  /// `http://host:port` and the base path, for messages.
  public var description: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return "http://\(shownHost):\(port)\(basePath)"
  }
}
