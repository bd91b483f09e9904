import Foundation
import StediAuditTestSupport
import Testing

/// `stedi-audit diff` as a pull-request gate: exit codes, Markdown, JSON and JUnit.
struct DiffCLITests {
  @Test func theGateFailsOnARubricChangeAndPassesOnTheSamePolicy() throws {
    let directory = TemporaryDirectory()
    let keys = CLITests.keys(in: directory)
    let workspace = directory.path("ws").path
    let run = try CLITests.launch(["run", "--landing", CLITests.tiny.path, "--workspace", workspace, "-q"], environment: keys)
    #expect(run.status == 0, "\(run.stderr)")

    let junit = directory.path("diff.xml").path
    let markdown = directory.path("diff.md").path
    let rubric = try CLITests.launch(
      ["diff", "--workspace", workspace, "--profile", "udacity-rubric", "--junit", junit, "--markdown", markdown],
      environment: keys)
    #expect(rubric.status == 1, "\(rubric.stderr)")
    #expect(rubric.stdout.contains("**FAIL: the change would admit"))
    #expect(rubric.stdout.contains("| accelerometer_trusted | in | `before_consent` ⚠ | 2 |"))
    #expect(try String(contentsOfFile: markdown, encoding: .utf8) == rubric.stdout)
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains(#"<testsuites name="stedi-audit diff" tests="5" failures="#))
    #expect(!xml.contains(#"failures="0""#))
    for identity in ["ana.lee@test.com", "Ana Lee", "ben.ode@test.com"] {
      #expect(!rubric.stdout.contains(identity))
      #expect(!xml.contains(identity))
    }

    let same = try CLITests.launch(["diff", "--workspace", workspace, "--json"], environment: keys)
    #expect(same.status == 0, "\(same.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as? [String: Any])
    #expect((json["consentAdmissions"] as? [Any])?.isEmpty == true)
    #expect((json["tables"] as? [Any])?.count == 5)
  }

  @Test func badArgumentsAreUsageErrors() throws {
    let both = try CLITests.launch(["diff", "--workspace", "ws", "--profile", "strict", "--policy", "p.yaml"])
    #expect(both.status == 64)
    #expect(both.stderr.contains("give --profile or --policy, not both"))
    let unknown = try CLITests.launch(["diff", "--workspace", "ws", "--profile", "lenient"])
    #expect(unknown.status == 64)
    let missing = try CLITests.launch(["diff", "--workspace", "/nonexistent/stedi-ws"])
    #expect(missing.status == 66)
    #expect(missing.stderr.split(separator: "\n").count == 1)
  }
}
