public import StediCore
public import Foundation

/// Errors of OpenLineage event writing and delivery. Messages name the file or endpoint, never
/// an event's content.
public enum LineageError: LocalizedError, Equatable, Sendable {
  /// An event could not be encoded as JSON.
  case encoding
  /// The events file could not be written.
  case io(path: String, reason: String)
  /// The endpoint URL is not `http://host[:port][/path]`.
  case badURL(String)
  /// Delivery to the endpoint failed after every attempt.
  case delivery(endpoint: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .encoding: "an OpenLineage event could not be encoded"
    case .io(let path, let reason): "\(path): \(reason)"
    case .badURL(let url): "\(url): not an http://host[:port][/path] URL"
    case .delivery(let endpoint, let reason): "\(endpoint): \(reason)"
    }
  }
}

extension LineageError: ClassifiedError {
  public var errorClass: ErrorClass {
    switch self {
    case .io, .delivery: .io
    case .badURL: .usage
    case .encoding: .internal
    }
  }
}
