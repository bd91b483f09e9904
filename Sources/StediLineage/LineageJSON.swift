/// A JSON value for OpenLineage facets, encoded with sorted keys so that events are
/// byte-stable. Holds only what a facet needs: no identity ever goes into one.
public indirect enum LineageJSON: Hashable, Sendable, Codable {
  case string(String)
  case integer(Int64)
  case bool(Bool)
  case array([LineageJSON])
  case object([String: LineageJSON])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([LineageJSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: LineageJSON].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The member `key` of an object.
  public subscript(key: String) -> LineageJSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }
}

extension LineageJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .integer(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: LineageJSON...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, LineageJSON)...) {
    self = .object(Dictionary(elements) { _, last in last })
  }
}
