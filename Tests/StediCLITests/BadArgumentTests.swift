import Foundation
import StediAuditTestSupport
import Testing

/// Every bad argument of every command: the documented exit code and one error line on stderr
/// that names the path or flag at fault, without Foundation's error-domain text, run through the
/// built binary.
///
/// Placeholders in the arguments, made fresh for each case: `$WS` a workspace (a run of the
/// tiny fixture), `$TINY` the tiny landing directory, `$DIR` an empty directory, `$FILE` a
/// regular file (not a key, not a policy), `$MISSING` a path that does not exist, `$OTHERKEY`
/// the public key of another key directory, `$BADLANDING` a landing directory whose `customer`
/// is a file, `$ODDLANDING` the tiny landing data with a directory `customer/dir.json`,
/// `$LINKLANDING` with a dangling link `customer/broken.json`.
struct BadArgumentTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var status: Int32
    /// What the error line must contain (a placeholder or a flag).
    var names: String
    /// What stdout must contain, if anything.
    var stdout: String?

    init(_ arguments: String, _ status: Int32, names: String, stdout: String? = nil) {
      self.arguments = arguments.split(separator: " ").map(String.init)
      self.status = status
      self.names = names
      self.stdout = stdout
    }

    var testDescription: String { "\(arguments.joined(separator: " ")) → \(status)" }
  }

  static let cases: [Case] = [
    // run
    Case("run --landing $TINY --workspace $FILE", 74, names: "$FILE"),
    Case("run --landing $TINY --workspace $FILE/ws", 74, names: "$FILE"),
    Case("run --landing $MISSING --workspace $DIR/ws", 66, names: "$MISSING"),
    Case("run --landing $FILE --workspace $DIR/ws", 74, names: "$FILE"),
    Case("run --landing $TINY --workspace $DIR/ws --policy $MISSING", 66, names: "$MISSING"),
    Case("run --landing $TINY --workspace $DIR/ws --policy $DIR", 74, names: "$DIR"),
    Case("run --landing $TINY --workspace $DIR/ws --policy $FILE", 78, names: "$FILE"),
    Case("run --landing $TINY --workspace $DIR/ws --keys $FILE", 74, names: "$FILE"),
    Case(
      "run --landing $TINY --workspace $DIR/ws --profile strict --policy $FILE", 64,
      names: "--policy"),
    Case("run --landing $TINY --workspace $DIR/ws --profile lenient", 64, names: "lenient"),
    Case("run --landing $TINY --workspace $DIR/ws --keep-runs -1", 64, names: "--keep-runs"),
    Case("run --landing $TINY", 64, names: "--workspace"),
    Case("run --landing $DIR --workspace $DIR/ws", 66, names: "$DIR"),
    Case("run --landing $BADLANDING --workspace $DIR/ws", 74, names: "$BADLANDING/customer"),
    Case(
      "run --landing $ODDLANDING --workspace $DIR/ws", 74, names: "$ODDLANDING/customer/dir.json"),
    Case(
      "run --landing $LINKLANDING --workspace $DIR/ws", 74,
      names: "$LINKLANDING/customer/broken.json"),
    // generate and demo
    Case("generate --out $FILE --customers 1", 74, names: "$FILE"),
    Case("generate --out $FILE/out --customers 1", 74, names: "$FILE"),
    Case("generate --out $DIR/out --customers 0", 64, names: "--customers"),
    Case("generate --out $DIR/out --rows-per-file 0", 64, names: "--rows-per-file"),
    Case("generate --customers 1", 64, names: "--out"),
    Case("generate --out $DIR/out --customers lots", 64, names: "--customers"),
    Case("demo --dir $DIR/demo --seed -1", 64, names: "--seed"),
    Case("demo --dir $FILE --customers 1", 74, names: "$FILE"),
    Case("demo --dir $DIR/demo --customers 0", 64, names: "--customers"),
    // verify
    Case("verify --workspace $MISSING", 66, names: "$MISSING"),
    Case("verify --workspace $FILE", 74, names: "$FILE"),
    Case("verify --workspace $DIR", 66, names: "$DIR"),
    Case("verify --workspace $WS --public-key $MISSING", 66, names: "$MISSING"),
    Case("verify --workspace $WS --public-key $DIR", 74, names: "$DIR"),
    Case("verify --workspace $WS --public-key $FILE", 78, names: "$FILE"),
    Case(
      "verify --workspace $WS --public-key $OTHERKEY", 1, names: "manifest signatures",
      stdout: "✗ manifest signatures"),
    Case(
      "verify --workspace $WS --public-key $OTHERKEY -q", 1, names: "manifest signatures",
      stdout: "✗ manifest signatures"),
    // report
    Case("report --workspace $MISSING", 66, names: "$MISSING"),
    Case("report --workspace $FILE", 74, names: "$FILE"),
    Case("report --workspace $WS --output $MISSING/report.md", 74, names: "$MISSING"),
    Case("report --workspace $WS --output $FILE/report.md", 74, names: "$FILE"),
    Case("report --workspace $WS --output $DIR", 74, names: "$DIR"),
    Case("report --workspace $WS --run nope", 66, names: "nope"),
    Case("report --workspace $WS --format pdf", 64, names: "--format"),
    Case("report --workspace $WS --public-key $OTHERKEY", 1, names: "manifest signatures"),
    // check
    Case("check --workspace $WS --junit $MISSING/check.xml", 74, names: "$MISSING"),
    Case("check --workspace $WS --junit $DIR", 74, names: "$DIR"),
    Case("check --workspace $MISSING", 66, names: "$MISSING"),
    Case("check --workspace $FILE", 74, names: "$FILE"),
    Case("check --workspace $WS --keys $MISSING", 66, names: "$MISSING"),
    Case("check --workspace $WS --landing $FILE", 74, names: "$FILE"),
    Case("check --workspace $WS --curated $DIR", 64, names: "--curated"),
    Case("check --workspace $WS --profile lenient", 64, names: "lenient"),
    Case("check --landing $TINY", 64, names: "--curated"),
    Case("check --landing $MISSING --curated $DIR", 66, names: "$MISSING"),
    Case("check --landing $TINY --curated $FILE", 74, names: "$FILE"),
    Case("check --landing $TINY --curated $MISSING", 66, names: "$MISSING"),
    Case("check --landing $TINY --curated $DIR --policy $MISSING", 66, names: "$MISSING"),
    Case("check --landing $TINY --curated $DIR --keys $FILE", 74, names: "$FILE"),
    // trace
    Case("trace --workspace $MISSING --email ana.lee@test.com", 66, names: "$MISSING"),
    Case("trace --workspace $FILE --email ana.lee@test.com", 74, names: "$FILE"),
    Case("trace --workspace $DIR --email ana.lee@test.com", 66, names: "$DIR"),
    Case("trace --workspace $WS --email ana.lee@test.com --keys $MISSING", 66, names: "$MISSING"),
    Case("trace --workspace $WS --email ana.lee@test.com --keys $DIR", 78, names: "$DIR"),
    Case("trace --workspace $WS --customer-id zz", 64, names: "--customer-id"),
    Case("trace --workspace $WS", 64, names: "--email"),
    Case(
      "trace --workspace $WS --email ana.lee@test.com --customer-id 00", 64, names: "--customer-id"),
    // withdraw
    Case("withdraw --workspace $MISSING --email ana.lee@test.com", 66, names: "$MISSING"),
    Case("withdraw --workspace $FILE --email ana.lee@test.com", 74, names: "$FILE"),
    Case("withdraw --workspace $DIR --email ana.lee@test.com", 66, names: "$DIR"),
    Case(
      "withdraw --workspace $WS --email ana.lee@test.com --keys $MISSING", 66, names: "$MISSING"),
    Case(
      "withdraw --workspace $WS --email ana.lee@test.com --as-of yesterday", 64, names: "--as-of"),
    Case("withdraw --workspace $WS", 64, names: "--email"),
    // keys
    Case("keys show --dir $MISSING", 66, names: "$MISSING"),
    Case("keys show --dir $FILE", 74, names: "$FILE"),
    Case("keys show --dir $DIR", 78, names: "$DIR"),
    Case("keys show --workspace $MISSING", 66, names: "$MISSING"),
    Case("keys init --dir $FILE", 74, names: "$FILE"),
    Case("keys init --dir $FILE/keys", 74, names: "$FILE"),
    Case("keys show --dir $DIR --workspace $WS", 64, names: "--workspace"),
    Case("keys rotate", 64, names: "rotate"),
    Case("bogus", 64, names: "bogus"),
  ]

  /// Foundation's error text, which a user cannot act on.
  static let foundationText = [
    "Domain", "NSCocoa", "NSError", "NSURL", "NSFilePath", "UserInfo", "could not be completed",
  ]

  @Test(arguments: cases)
  func badArgumentsExitWithTheirCodeAndOneLine(_ testCase: Case) throws {
    let directory = TemporaryDirectory()
    let places = [
      "$TINY": CLITests.tiny.path, "$DIR": directory.path("empty").path,
      "$FILE": directory.path("file").path, "$MISSING": directory.path("missing").path,
      "$WS": directory.path("ws").path, "$OTHERKEY": directory.path("other/signing.pub.pem").path,
      "$BADLANDING": directory.path("badlanding").path,
      "$ODDLANDING": directory.path("oddlanding").path,
      "$LINKLANDING": directory.path("linklanding").path,
    ]
    try FileManager.default.createDirectory(
      at: directory.path("empty"), withIntermediateDirectories: true)
    try Data("not a key, not a policy: [\n".utf8).write(to: directory.path("file"))
    try FileManager.default.createDirectory(
      at: directory.path("badlanding"), withIntermediateDirectories: true)
    try Data("{}\n".utf8).write(to: directory.path("badlanding/customer"))
    let manager = FileManager.default
    if testCase.arguments.contains(where: { $0.contains("$ODDLANDING") }) {
      try manager.copyItem(at: CLITests.tiny, to: directory.path("oddlanding"))
      try manager.createDirectory(
        at: directory.path("oddlanding/customer/dir.json"), withIntermediateDirectories: false)
    }
    if testCase.arguments.contains(where: { $0.contains("$LINKLANDING") }) {
      try manager.copyItem(at: CLITests.tiny, to: directory.path("linklanding"))
      try manager.createSymbolicLink(
        atPath: directory.path("linklanding/customer/broken.json").path,
        withDestinationPath: directory.path("nothing").path)
    }
    if testCase.arguments.contains(where: { $0.contains("$WS") }) {
      let run = try CLITests.launch([
        "run", "--landing", CLITests.tiny.path, "--workspace", places["$WS"] ?? "", "-q",
      ])
      try #require(run.status == 0)
    }
    if testCase.arguments.contains(where: { $0.contains("$OTHERKEY") }) {
      try #require(
        try CLITests.launch(["keys", "init", "--dir", directory.path("other").path]).status == 0)
    }
    func expand(_ text: String) -> String {
      // Longest placeholders first, so that no placeholder is a prefix of another one's value.
      places.keys.sorted { $0.count > $1.count }.reduce(text) {
        $0.replacingOccurrences(of: $1, with: places[$1] ?? $1)
      }
    }
    let result = try CLITests.launch(testCase.arguments.map(expand))
    #expect(result.status == testCase.status, "stderr: \(result.stderr)")
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
    let errorLines = lines.filter { $0.lowercased().hasPrefix("error: ") }
    #expect(errorLines.count == 1, "stderr: \(result.stderr)")
    if testCase.status != 64 {  // Usage errors add the usage and a hint after the error line.
      #expect(lines.count == 1, "stderr: \(result.stderr)")
    }
    let line = String(errorLines.first ?? "")
    #expect(line.contains(expand(testCase.names)), "\(line)")
    for text in Self.foundationText {
      #expect(!result.stderr.contains(text), "\(line)")
    }
    #expect(!result.stderr.contains("ana.lee@test.com"))
    if let stdout = testCase.stdout { #expect(result.stdout.contains(stdout), "\(result.stdout)") }
  }
}
