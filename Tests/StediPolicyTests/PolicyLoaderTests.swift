import Foundation
import StediCore
import StediPolicy
import Testing

struct PolicyLoaderTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: ["strict", "udacity-rubric"])
  func builtinProfilesAreThePolicyFilesByteForByte(_ name: String) throws {
    let file = Self.repository.appendingPathComponent("policies/\(name).yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(try PolicyLoader.builtinText(name) == text, "run scripts/embed-policies")
    let fromFile = try PolicyLoader.load(contentsOf: file)
    #expect(fromFile.digest == (try PolicyLoader.builtin(name)).digest)
    #expect(fromFile.name == name)
  }

  @Test func strictAndRubricDifferWhereTheBriefSaysTheyDo() throws {
    let strict = try PolicyLoader.builtin("strict")
    let rubric = try PolicyLoader.builtin("udacity-rubric")
    #expect(strict.consentApplies == .fromConsentTime && rubric.consentApplies == .wheneverPresent)
    #expect(strict.machineLearningJoin == .customerAndTime && rubric.machineLearningJoin == .timeOnly)
    #expect(strict.emailMatch == .caseInsensitive && rubric.emailMatch == .exact)
    #expect(strict.conflicts == .latestUpdateWins && rubric.conflicts == .keepAll)
    #expect(strict.columns(of: .machineLearningCurated).first == .customerId)
    #expect(!strict.columns(of: .customerCurated).contains { $0.isIdentifier })
    #expect(strict.emailKey("  Ana.Lee@TEST.com ") == "ana.lee@test.com")
    #expect(rubric.emailKey("Ana.Lee@TEST.com") == "Ana.Lee@TEST.com")
    #expect(strict.input.keyMatch == .exact && rubric.input.keyMatch == .exact)
  }

  @Test func theInputSectionIsOptionalAndOptsInToCaseInsensitiveKeys() throws {
    let strict = try PolicyLoader.builtinText("strict")
    let folded = try PolicyLoader.compile(
      text: strict.replacingOccurrences(of: "key_match: exact", with: "key_match: case_insensitive"), file: "ci.yaml")
    #expect(folded.input.keyMatch == .caseInsensitive)
    let without = strict.replacingOccurrences(
      of: "input:\n  key_match: exact                  # exact | case_insensitive (serialnumber names serialNumber)\n\n",
      with: "")
    #expect(without != strict)
    #expect(try PolicyLoader.compile(text: without, file: "plain.yaml").input == .standard)
  }

  @Test func theOutputSectionIsOptionalAndNamesTheTablesFormat() throws {
    let strict = try PolicyLoader.builtinText("strict")
    #expect(try PolicyLoader.compile(text: strict, file: "strict.yaml").outputFormat == nil)
    for format in OutputFormat.allCases {
      let policy = try PolicyLoader.compile(text: strict + "\noutput:\n  format: \(format.rawValue)\n", file: "out.yaml")
      #expect(policy.outputFormat == format)
    }
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var name: String
    var edit: @Sendable (String) -> String
    var line: Int
    var key: String
    var testDescription: String { name }
  }

  static let bad: [Bad] = [
    Bad(name: "unknown top-level key", edit: { $0.replacingOccurrences(of: "version: 1", with: "version: 1\nretention: 30") }, line: 7, key: "retention"),
    Bad(name: "bad choice", edit: { $0.replacingOccurrences(of: "applies: from_consent_time", with: "applies: sometimes") }, line: 15, key: "consent.applies"),
    Bad(name: "unknown consent field", edit: { $0.replacingOccurrences(of: "field: shareWithResearchAsOfDate", with: "field: shareWithAliens") }, line: 14, key: "consent.field"),
    Bad(name: "missing key", edit: { $0.replacingOccurrences(of: "  machine_learning: customer_and_time   # customer_and_time | time_only\n", with: "") }, line: 23, key: "join.machine_learning"),
    Bad(name: "identifier in curated", edit: { $0.replacingOccurrences(of: "customer_curated: [customerId,", with: "customer_curated: [email, customerId,") }, line: 35, key: "columns.customer_curated"),
    Bad(name: "unknown column", edit: { $0.replacingOccurrences(of: "[user, timestamp, x, y, z]", with: "[user, timestamp, x, y, z, w]") }, line: 33, key: "columns.accelerometer_trusted"),
    Bad(name: "bad key match", edit: { $0.replacingOccurrences(of: "key_match: exact", with: "key_match: loose") }, line: 11, key: "input.key_match"),
    Bad(name: "unknown input key", edit: { $0.replacingOccurrences(of: "  key_match: exact", with: "  key_match: exact\n  coerce: all") }, line: 12, key: "input.coerce"),
    Bad(name: "bad output format", edit: { $0 + "\noutput:\n  format: csv\n" }, line: 39, key: "output.format"),
    Bad(name: "unknown output key", edit: { $0 + "\noutput:\n  compression: zstd\n" }, line: 39, key: "output.compression"),
    Bad(name: "unsupported version", edit: { $0.replacingOccurrences(of: "version: 1", with: "version: 2") }, line: 6, key: "version"),
  ]

  @Test(arguments: bad)
  func invalidPoliciesNameTheKeyAndLine(_ bad: Bad) throws {
    let text = bad.edit(try PolicyLoader.builtinText("strict"))
    #expect(text != (try PolicyLoader.builtinText("strict")))
    do {
      _ = try PolicyLoader.compile(text: text, file: "my.yaml")
      Issue.record("accepted an invalid policy")
    } catch let error {
      guard case .invalid(let file, let line, let key, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == "my.yaml")
      #expect(key == bad.key)
      #expect(line == bad.line)
      #expect(error.errorDescription?.hasPrefix("my.yaml:\(bad.line): '\(bad.key)'") == true)
    }
  }

  @Test func yamlSyntaxErrorsNameTheLine() {
    #expect(throws: PolicyError.syntax(file: "p.yaml", line: 3, problem: "mapping values are not allowed in this context")) {
      try PolicyLoader.compile(text: "policy: x\nversion: 1\nconsent: a: b\n", file: "p.yaml")
    }
  }

  @Test func unknownProfileIsRejected() {
    #expect(throws: PolicyError.unknownProfile("lenient")) { try PolicyLoader.builtin("lenient") }
  }
}
