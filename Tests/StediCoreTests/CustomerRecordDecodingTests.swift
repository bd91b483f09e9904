import StediCore
import Testing

struct CustomerRecordDecodingTests {
  static let required = #""email":"Ana.Lee@test.com","serialNumber":"sn-1""#

  @Test func decodesEveryField() throws {
    let line =
      #"{"customerName":"Ana Lee","email":"Ana.Lee@test.com","phone":"555-0100","#
      + #""birthDay":"1990-01-01","serialNumber":"sn-1","registrationDate":1655564376361,"#
      + #""lastUpdateDate":1655564376362,"shareWithResearchAsOfDate":1655564376363,"#
      + #""shareWithPublicAsOfDate":1655564376364,"shareWithFriendsAsOfDate":1655564376365}"#
    let record = try TestLines.customer(line).get()
    #expect(
      record
        == CustomerRecord(
          customerName: "Ana Lee", email: "Ana.Lee@test.com", phone: "555-0100",
          birthDay: "1990-01-01", serialNumber: "sn-1", registrationDate: 1_655_564_376_361,
          lastUpdateDate: 1_655_564_376_362, shareWithResearchAsOfDate: 1_655_564_376_363,
          shareWithPublicAsOfDate: 1_655_564_376_364, shareWithFriendsAsOfDate: 1_655_564_376_365))
  }

  @Test func onlyRequiredFields() throws {
    let record = try TestLines.customer("{\(Self.required)}").get()
    #expect(record == CustomerRecord(email: "Ana.Lee@test.com", serialNumber: "sn-1"))
  }

  @Test(arguments: [
    ("", nil as Int64?),
    (#","shareWithResearchAsOfDate":null"#, nil),
    (#","shareWithResearchAsOfDate":1655564376361"#, 1_655_564_376_361),
    (#","shareWithResearchAsOfDate":1655564376361.0"#, 1_655_564_376_361),
    (#","shareWithResearchAsOfDate":1.655564376361e12"#, 1_655_564_376_361),
    (#","shareWithResearchAsOfDate":0"#, 0),
    (#","shareWithResearchAsOfDate":-1"#, -1),
  ])
  func consentForms(member: String, consent: Int64?) throws {
    let record = try TestLines.customer("{\(Self.required)\(member)}").get()
    #expect(record.shareWithResearchAsOfDate == consent)
  }

  @Test(arguments: [
    "1655564376361.5", "\"1655564376361\"", "true", "1e30", "9223372036854775808", "[]", "{}",
    "0.5", "1e400",
  ])
  func consentOfTheWrongKindIsASchemaViolation(value: String) {
    let error = TestLines.error(
      TestLines.customer("{\(Self.required),\"shareWithResearchAsOfDate\":\(value)}"))
    #expect(error?.reason == .schemaViolation)
    #expect(error?.field == "shareWithResearchAsOfDate")
  }

  @Test(arguments: [
    (#"{"serialNumber":"sn-1"}"#, "email"),
    (#"{"email":"a@b"}"#, "serialNumber"),
    (#"{"email":"","serialNumber":"sn-1"}"#, "email"),
    (#"{"email":null,"serialNumber":"sn-1"}"#, "email"),
    (#"{"email":42,"serialNumber":"sn-1"}"#, "email"),
    (#"{"email":"a@b","serialNumber":""}"#, "serialNumber"),
    (#"{"email":"a@b","serialNumber":["sn"]}"#, "serialNumber"),
    (#"{"email":"a@b","serialNumber":"s","phone":true}"#, "phone"),
    (#"{"email":"a@b","serialNumber":"s","phone":[8015551212]}"#, "phone"),
    (#"{"email":"a@b","serialNumber":"s","registrationDate":1655564414415.5}"#, "registrationDate"),
    (#"{"email":"a@b","serialNumber":"s","customerName":true}"#, "customerName"),
    (#"{"email":"a@b","serialNumber":"s","birthDay":{}}"#, "birthDay"),
    (#"{"email":"a@b","serialNumber":"s","lastUpdateDate":"2022"}"#, "lastUpdateDate"),
    (#"{"email":"a@b","serialNumber":"s","email":"c@d"}"#, "email"),
    (#"{"email":"a@b","serialNumber":"s","\u0065mail":"c@d"}"#, "email"),
    (#"{"email":"a@b","serialNumber":"s","phone":null,"phone":null}"#, "phone"),
  ])
  func schemaViolations(line: String, field: String) {
    let error = TestLines.error(TestLines.customer(line))
    #expect(error?.reason == .schemaViolation)
    #expect(error?.field == field)
  }

  @Test func nullOptionalFieldsAreAbsent() throws {
    let line =
      #"{"customerName":null,"email":"a@b","phone":null,"birthDay":null,"serialNumber":"s","#
      + #""registrationDate":null,"lastUpdateDate":null,"shareWithPublicAsOfDate":null}"#
    #expect(try TestLines.customer(line).get() == CustomerRecord(email: "a@b", serialNumber: "s"))
  }

  @Test func escapedKeysMatch() throws {
    let line = #"{"\u0065mail":"a@b","serial\u004Eumber":"s","\u0073hareWithResearchAsOfDate":7}"#
    let record = try TestLines.customer(line).get()
    #expect(record == CustomerRecord(email: "a@b", serialNumber: "s", shareWithResearchAsOfDate: 7))
  }

  @Test func stringsAreUnescaped() throws {
    let line =
      #"{"email":"Jos\u00e9.N\u00fa\u00f1ez@test.com","serialNumber":"s\/1","#
      + #""customerName":"A \"B\" \\ \ud83d\ude00"}"#
    let record = try TestLines.customer(line).get()
    #expect(record.email == "José.Núñez@test.com")
    #expect(record.serialNumber == "s/1")
    #expect(record.customerName == "A \"B\" \\ 😀")
  }

  @Test func unknownFieldsAreIgnored() throws {
    let line =
      #"{"email":"a@b","extra":{"email":1,"deep":[[{"x":null}]]},"serialNumber":"s","#
      + #""tags":["a",1,true,null],"n":-1.5e3,"flag":false}"#
    #expect(try TestLines.customer(line).get() == CustomerRecord(email: "a@b", serialNumber: "s"))
  }

  @Test func duplicateUnknownKeysAreASchemaViolationWithoutTheName() {
    let error = TestLines.error(
      TestLines.customer(#"{"email":"a@b","serialNumber":"s","secret":1,"x":2,"secre\u0074":3}"#))
    #expect(error?.reason == .schemaViolation)
    #expect(error?.field == nil)
    #expect(error?.description.contains("secret") == false)
  }

  @Test func aSyntaxErrorAfterASchemaViolationIsMalformed() {
    #expect(
      TestLines.reason(TestLines.customer(#"{"email":42,"serialNumber":"s",}"#)) == .malformed)
    #expect(TestLines.reason(TestLines.customer(#"{"email":42} x"#)) == .malformed)
  }

  @Test(arguments: ["[1]", "\"a@b\"", "42", "null", "[{\"email\":\"a@b\",\"serialNumber\":\"s\"}]"])
  func nonObjectsAreSchemaViolations(line: String) {
    let error = TestLines.error(TestLines.customer(line))
    #expect(error?.reason == .schemaViolation)
    #expect(error?.field == nil)
  }

  /// Row errors name the field but never contain the value or any other part of the line.
  @Test(arguments: [
    #"{"email":"SECRET@x.com","serialNumber":"SECRET-SN","phone":{"n":12345678}}"#,
    #"{"email":"SECRET@x.com","serialnumber":"SECRET-SN","phone":12345678}"#,
    #"{"email":"SECRET@x.com","serialNumber":"SECRET-SN","registrationDate":"SECRET"}"#,
    #"{"email":"SECRET@x.com","serialNumber":"SECRET-SN","registrationDate":12345678.5}"#,
    #"{"email":"SECRET@x.com","serialNumber":"SECRET-SN"} SECRET"#,
    #"{"email":"SECRET@x.com","serialNumber":"SECRET-SN","SECRET":1,"SECRET":2}"#,
    #"{"email":"SECRET@x.com\x","serialNumber":"SECRET-SN"}"#,
    #"{"SECRET":"SECRET@x.com","serialNumber":"SECRET-SN"}"#,
    #"["SECRET"]"#,
  ])
  func errorsNeverContainTheLine(line: String) throws {
    let error = try #require(TestLines.error(TestLines.customer(line)))
    for text in [error.description, error.detail, error.field ?? ""] {
      #expect(!text.contains("SECRET"))
      #expect(!text.contains("12345678"))
      #expect(!text.contains("x.com"))
    }
  }
}
