import Foundation

/// The conformance corpus (`Tests/Conformance/cases/*.json`, format in `docs/conformance.md`):
/// small landing sets with the decision every row must get under each profile.
struct ConformanceCase: Decodable, Sendable {
  var name: String
  var description: String
  /// Landing lines per source directory (`customer`, `accelerometer`, `step_trainer`).
  var landing: [String: [String]]
  /// Emails whose consent is withdrawn (`stedi-audit withdraw`) after the first run.
  var withdraw: [String]?
  /// Per profile.
  var expect: [String: Expectation]

  struct Expectation: Decodable, Sendable {
    /// Per landing line: the reason of the row in each table it reaches (`{}`: not a row).
    var customer: [[String: String]]
    var accelerometer: [[String: String]]
    var stepTrainer: [[String: String]]
    var machineLearningRows: Int64
    var hazards: [String: Int64]

    enum CodingKeys: String, CodingKey {
      case customer, accelerometer, stepTrainer = "step_trainer", machineLearningRows, hazards
    }

    /// The expected rows of a landing source.
    func rows(of source: String) -> [[String: String]] {
      switch source {
      case "customer": customer
      case "accelerometer": accelerometer
      default: stepTrainer
      }
    }
  }

  static let sources = ["customer", "accelerometer", "step_trainer"]

  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Conformance/cases")

  /// Every case of the corpus, by file name.
  static func all() throws -> [ConformanceCase] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    return try names.map { name in
      try JSONDecoder().decode(
        ConformanceCase.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }
  }

  /// Writes the landing lines as `<source>/<source>.json` under `root`.
  func writeLanding(to root: URL) throws {
    for source in Self.sources {
      let folder = root.appendingPathComponent(source)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let lines = landing[source] ?? []
      let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
      try Data(text.utf8).write(to: folder.appendingPathComponent("\(source).json"))
    }
  }
}
