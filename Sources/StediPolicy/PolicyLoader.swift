public import Foundation
import StediCore
import StediKeys
import Yams

/// Compiles policy files (YAML) into `Policy` values.
///
/// Every key is checked: an unknown key, a missing one or a bad value is rejected with the file,
/// line and key at fault. See `docs/policy-format.md`.
public enum PolicyLoader {
  /// The names of the profiles shipped in `policies/`.
  public static var builtinProfileNames: [String] { BuiltinProfiles.files.keys.sorted() }

  /// The default profile.
  public static let defaultProfile = "strict"

  /// The YAML text of a built-in profile.
  public static func builtinText(_ name: String) throws(PolicyError) -> String {
    guard let text = BuiltinProfiles.files[name] else { throw .unknownProfile(name) }
    return text
  }

  /// A built-in profile, compiled.
  public static func builtin(_ name: String) throws(PolicyError) -> Policy {
    try compile(text: try builtinText(name), file: "policies/\(name).yaml")
  }

  /// Reads and compiles a policy file.
  public static func load(contentsOf url: URL) throws(PolicyError) -> Policy {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .unreadable(file: url.path, reason: "no such file or not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(file: url.path, reason: "not UTF-8 text")
    }
    return try compile(text: text, file: url.path)
  }

  /// Compiles policy text; `file` names it in errors.
  public static func compile(text: String, file: String) throws(PolicyError) -> Policy {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw PolicyError.invalid(file: file, line: 1, key: "policy", problem: "the file is empty")
      }
      root = node
    } catch let error as PolicyError {
      throw error
    } catch let error as YamlError {
      throw syntaxError(error, file: file)
    } catch {
      throw .syntax(file: file, line: 1, problem: "unreadable YAML")
    }
    var reader = NodeReader(file: file)
    var policy = try reader.policy(root, digest: RowDigester.sha256Hex(Data(text.utf8)))
    policy.text = text
    return policy
  }

  private static func syntaxError(_ error: YamlError, file: String) -> PolicyError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return .syntax(file: file, line: mark.line, problem: problem)
    default:
      return .syntax(file: file, line: 1, problem: "unreadable YAML")
    }
  }
}

/// Walks the YAML node tree, checking every key.
struct NodeReader {
  let file: String

  func fail(_ node: Node?, _ key: String, _ problem: String) -> PolicyError {
    .invalid(file: file, line: node?.mark?.line ?? 1, key: key, problem: problem)
  }

  /// The entries of a mapping, rejecting keys not in `allowed`.
  func mapping(_ node: Node, _ key: String, allowed: [String]) throws(PolicyError) -> [String: (key: Node, value: Node)] {
    guard case .mapping(let mapping) = node else { throw fail(node, key, "expected a mapping") }
    var entries: [String: (key: Node, value: Node)] = [:]
    for (keyNode, value) in mapping {
      guard let name = keyNode.string else { throw fail(keyNode, key, "keys must be text") }
      let path = key.isEmpty ? name : "\(key).\(name)"
      guard allowed.contains(name) else {
        throw fail(keyNode, path, "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
      }
      guard entries[name] == nil else { throw fail(keyNode, path, "key given twice") }
      entries[name] = (keyNode, value)
    }
    return entries
  }

  func required(_ entries: [String: (key: Node, value: Node)], _ name: String, in parent: Node, _ path: String) throws(PolicyError) -> Node {
    guard let entry = entries[name] else { throw fail(parent, path, "missing required key") }
    return entry.value
  }

  func string(_ node: Node, _ key: String) throws(PolicyError) -> String {
    guard case .scalar(let scalar) = node else { throw fail(node, key, "expected text") }
    return scalar.string
  }

  func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _ type: T.Type) throws(PolicyError) -> T where T.RawValue == String {
    let text = try string(node, key)
    guard let value = T(rawValue: text) else {
      let options = T.allCases.map(\.rawValue).joined(separator: " | ")
      throw fail(node, key, "invalid value (expected \(options))")
    }
    return value
  }

  func bool(_ node: Node, _ key: String) throws(PolicyError) -> Bool {
    guard case .scalar = node, let value = node.bool else { throw fail(node, key, "expected true or false") }
    return value
  }

  mutating func policy(_ root: Node, digest: String) throws(PolicyError) -> Policy {
    let top = try mapping(
      root, "", allowed: ["policy", "version", "description", "input", "consent", "identity", "join", "privacy", "columns", "output"])
    let name = try string(try required(top, "policy", in: root, "policy"), "policy")
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
      throw fail(top["policy"]?.value, "policy", "a name of letters, digits, '-' and '_'")
    }
    let versionNode = try required(top, "version", in: root, "version")
    guard versionNode.int == 1 else { throw fail(versionNode, "version", "unsupported version (expected 1)") }
    let description = try top["description"].map { entry throws(PolicyError) in try string(entry.value, "description") } ?? ""

    var input = LineDecodingOptions.standard
    if let inputEntry = top["input"] {
      let entries = try mapping(inputEntry.value, "input", allowed: ["key_match"])
      if let keyMatch = entries["key_match"] {
        input.keyMatch = try choice(keyMatch.value, "input.key_match", KeyMatch.self)
      }
    }

    let consentNode = try required(top, "consent", in: root, "consent")
    let consent = try mapping(consentNode, "consent", allowed: ["field", "applies"])
    let consentField = try choice(try required(consent, "field", in: consentNode, "consent.field"), "consent.field", CustomerTimeField.self)
    let applies = try choice(try required(consent, "applies", in: consentNode, "consent.applies"), "consent.applies", ConsentApplication.self)

    let identityNode = try required(top, "identity", in: root, "identity")
    let identity = try mapping(identityNode, "identity", allowed: ["email_match", "conflicts", "pseudonym"])
    let emailMatch = try choice(try required(identity, "email_match", in: identityNode, "identity.email_match"), "identity.email_match", EmailMatch.self)
    let conflicts = try choice(try required(identity, "conflicts", in: identityNode, "identity.conflicts"), "identity.conflicts", ConflictRule.self)
    if let pseudonym = identity["pseudonym"] {
      guard try string(pseudonym.value, "identity.pseudonym") == "hmac-sha256" else {
        throw fail(pseudonym.value, "identity.pseudonym", "invalid value (expected hmac-sha256)")
      }
    }

    let joinNode = try required(top, "join", in: root, "join")
    let join = try mapping(joinNode, "join", allowed: ["step_trainer_customer", "step_trainer_requires_curated_customer", "machine_learning"])
    if let key = join["step_trainer_customer"] {
      guard try string(key.value, "join.step_trainer_customer") == "serial_number" else {
        throw fail(key.value, "join.step_trainer_customer", "invalid value (expected serial_number)")
      }
    }
    let requiresCurated = try join["step_trainer_requires_curated_customer"].map { entry throws(PolicyError) in
      try bool(entry.value, "join.step_trainer_requires_curated_customer")
    } ?? false
    let joinRule = try choice(try required(join, "machine_learning", in: joinNode, "join.machine_learning"), "join.machine_learning", JoinRule.self)

    var identifiers = IdentifierRule.forbid
    if let privacyEntry = top["privacy"] {
      let privacy = try mapping(privacyEntry.value, "privacy", allowed: ["identifiers_in_curated"])
      if let rule = privacy["identifiers_in_curated"] {
        identifiers = try choice(rule.value, "privacy.identifiers_in_curated", IdentifierRule.self)
      }
    }

    let columnsNode = try required(top, "columns", in: root, "columns")
    let columnEntries = try mapping(columnsNode, "columns", allowed: TableID.outputs.map(\.rawValue))
    var columns: [TableID: [OutputColumn]] = [:]
    for table in TableID.outputs {
      let path = "columns.\(table.rawValue)"
      let node = try required(columnEntries, table.rawValue, in: columnsNode, path)
      guard case .sequence(let sequence) = node, !sequence.isEmpty else {
        throw fail(node, path, "expected a non-empty list of columns")
      }
      var list: [OutputColumn] = []
      let available = OutputColumn.available(in: table)
      for item in sequence {
        let text = try string(item, path)
        guard let column = OutputColumn(rawValue: text), available.contains(column) else {
          throw fail(item, path, "unknown column '\(text)' (available: \(available.map(\.rawValue).joined(separator: ", ")))")
        }
        guard !list.contains(column) else { throw fail(item, path, "column '\(text)' listed twice") }
        if table.zone == .curated, identifiers == .forbid, column.isIdentifier {
          throw fail(item, path, "column '\(text)' is an identifier, forbidden in curated tables by privacy.identifiers_in_curated")
        }
        list.append(column)
      }
      columns[table] = list
    }
    var format: OutputFormat?
    if let outputEntry = top["output"] {
      let output = try mapping(outputEntry.value, "output", allowed: ["format"])
      if let node = output["format"] { format = try choice(node.value, "output.format", OutputFormat.self) }
    }

    var policy = Policy(
      name: name, description: description, digest: digest, consentField: consentField,
      consentApplies: applies, emailMatch: emailMatch, conflicts: conflicts,
      stepTrainerRequiresCuratedCustomer: requiresCurated, machineLearningJoin: joinRule,
      identifiersInCurated: identifiers, columns: columns)
    policy.input = input
    policy.outputFormat = format
    return policy
  }
}
