import StediCore
import Testing

/// The type-drift rules of `docs/semantics.md`: what each kind of field accepts beyond its plain
/// type, what it becomes, and which coercion is counted.
struct TypeDriftTests {
  private static func customer(
    _ text: String, _ options: LineDecodingOptions = .standard
  ) -> (Result<CustomerRecord, RowError>, [CoercionCount]) {
    var coercions = Coercions()
    let result = Array(text.utf8).withUnsafeBytes {
      CustomerRecord.decode(line: $0, options: options, coercions: &coercions)
    }
    var tally = CoercionTally(table: .customerLanding)
    tally.add(coercions)
    return (result, tally.counts)
  }

  private static func count(_ field: String, _ rule: Coercion, table: TableID = .customerLanding)
    -> CoercionCount
  {
    CoercionCount(table: table.rawValue, field: field, rule: rule.name, rows: 1)
  }

  @Test(arguments: [
    (#"8015551212"#, "8015551212"),
    (#"8015551212.0"#, "8015551212"),
    (#"8.015551212e9"#, "8015551212"),
    (#"-12"#, "-12"),
    (#"12.5"#, "12.5"),
  ])
  func identityFieldsTakeNumbersAsTheirText(number: String, text: String) throws {
    let (result, counts) = Self.customer(#"{"email":"a@b","serialNumber":"s","phone":\#(number)}"#)
    #expect(try result.get().phone == text)
    #expect(counts == [Self.count("phone", .numberAsString)])
  }

  @Test func aStringPhoneIsNotACoercion() throws {
    let (result, counts) = Self.customer(#"{"email":"a@b","serialNumber":"s","phone":"8015551212"}"#)
    #expect(try result.get().phone == "8015551212")
    #expect(counts == [])
  }

  @Test func integralFloatTimesAreCountedPerField() throws {
    let line =
      #"{"email":"a@b","serialNumber":"s","registrationDate":1655564414415,"#
      + #""shareWithResearchAsOfDate":1655564414415.0,"lastUpdateDate":1.655564414415e12}"#
    let (result, counts) = Self.customer(line)
    let record = try result.get()
    #expect(record.registrationDate == 1_655_564_414_415)
    #expect(record.shareWithResearchAsOfDate == 1_655_564_414_415)
    #expect(record.lastUpdateDate == 1_655_564_414_415)
    #expect(
      counts == [
        Self.count("lastUpdateDate", .integralFloat),
        Self.count("shareWithResearchAsOfDate", .integralFloat),
      ])
  }

  @Test func nullOptionalFieldsAreAbsentAndCounted() throws {
    let line =
      #"{"email":"a@b","serialNumber":"s","customerName":null,"shareWithResearchAsOfDate":null}"#
    let (result, counts) = Self.customer(line)
    #expect(try result.get() == CustomerRecord(email: "a@b", serialNumber: "s"))
    #expect(
      counts == [
        Self.count("customerName", .nullAsAbsent),
        Self.count("shareWithResearchAsOfDate", .nullAsAbsent),
      ])
  }

  @Test(arguments: [
    (#"{"email":null,"serialNumber":"s"}"#, "email", "null"),
    (#"{"email":"a@b","serialNumber":"s","registrationDate":1655564414415.5}"#, "registrationDate", "integral"),
    (#"{"email":"a@b","serialNumber":"s","registrationDate":"1655564414415"}"#, "registrationDate", "found a string"),
    (#"{"email":"a@b","serialNumber":8015551212}"#, "serialNumber", "found a number"),
    (#"{"email":"a@b","serialNumber":"s","phone":false}"#, "phone", "a string or a number"),
  ])
  func valuesOutsideTheRulesAreSchemaViolations(line: String, field: String, detail: String) {
    let (result, _) = Self.customer(line)
    let error = TestLines.error(result)
    #expect(error?.reason == .schemaViolation)
    #expect(error?.field == field)
    #expect(error?.detail.contains(detail) == true, "\(String(describing: error))")
  }

  @Test func keysInAnotherCaseNeedTheOptIn() throws {
    let line = #"{"email":"a@b","serialnumber":"sn-1","SHAREWITHRESEARCHASOFDATE":7}"#
    let (exact, _) = Self.customer(line)
    let error = try #require(TestLines.error(exact))
    #expect(error.field == "serialNumber")
    #expect(error.detail.contains("input.key_match: case_insensitive"))

    let (folded, counts) = Self.customer(line, LineDecodingOptions(keyMatch: .caseInsensitive))
    let record = try folded.get()
    #expect(record.serialNumber == "sn-1")
    #expect(record.shareWithResearchAsOfDate == 7)
    #expect(
      counts == [
        Self.count("serialNumber", .keyCase), Self.count("shareWithResearchAsOfDate", .keyCase),
      ])
  }

  @Test func twoSpellingsOfOneFieldAreARepeatedKey() {
    let line = #"{"email":"a@b","serialNumber":"s","serialnumber":"t"}"#
    let (folded, _) = Self.customer(line, LineDecodingOptions(keyMatch: .caseInsensitive))
    #expect(TestLines.error(folded)?.field == "serialNumber")
    #expect(TestLines.error(folded)?.detail.contains("more than once") == true)
    // Under exact matching the second key is unknown, and the record is valid.
    #expect(TestLines.value(Self.customer(line).0)?.serialNumber == "s")
  }

  @Test func readingsCountTheirCoercionsToo() throws {
    var coercions = Coercions()
    let accelerometer = Array(#"{"USER":"a@b","timestamp":1655564444103.0,"x":1,"y":-1.0,"z":0}"#.utf8)
    let reading = try accelerometer.withUnsafeBytes {
      AccelerometerReading.decode(
        line: $0, options: LineDecodingOptions(keyMatch: .caseInsensitive), coercions: &coercions)
    }.get()
    #expect(reading.timestamp == 1_655_564_444_103)
    #expect(reading.x == .integer(1) && reading.y == .real(-1))
    var tally = CoercionTally(table: .accelerometerLanding)
    tally.add(coercions)
    tally.add(coercions)
    #expect(
      tally.counts == [
        CoercionCount(table: "accelerometer_landing", field: "user", rule: "key_case", rows: 2),
        CoercionCount(table: "accelerometer_landing", field: "timestamp", rule: "integral_float", rows: 2),
      ])

    coercions.removeAll()
    let step = Array(#"{"sensorReadingTime":null,"serialNumber":"s","distanceFromObject":218}"#.utf8)
    let result = step.withUnsafeBytes { StepTrainerReading.decode(line: $0, coercions: &coercions) }
    #expect(TestLines.error(result)?.field == "sensorReadingTime")
    #expect(TestLines.error(result)?.detail.contains("null") == true)
  }

  @Test func everyRuleHasADocumentedName() {
    #expect(Coercion.allCases.map(\.name) == ["integral_float", "number_as_string", "null_as_absent", "key_case"])
    for rule in Coercion.allCases { #expect(Coercion(name: rule.name) == rule) }
    #expect(LandingFields.names(of: .stepTrainerLanding) == ["sensorReadingTime", "serialNumber", "distanceFromObject"])
    #expect(LandingFields.names(of: .customerTrusted) == [])
  }
}
