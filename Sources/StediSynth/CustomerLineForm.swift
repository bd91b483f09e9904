/// Whether a planned customer line is a valid record, and if not, what is wrong with it.
enum CustomerLineForm: Hashable, Sendable {
  case valid
  case schema(CustomerSchemaDefect)
  case malformed(MalformedKind)

  var isValid: Bool { self == .valid }
}
