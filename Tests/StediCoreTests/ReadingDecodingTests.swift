import StediCore
import Testing

struct ReadingDecodingTests {
  @Test func decodesAnAccelerometerReading() throws {
    let line =
      #"{"user":"Spencer.Davis@test.com","timestamp":1655564376361,"x":0.0,"y":-1,"z":-1.5e-1}"#
    #expect(
      try TestLines.accelerometer(line).get()
        == AccelerometerReading(
          user: "Spencer.Davis@test.com", timestamp: 1_655_564_376_361, x: .real(0),
          y: .integer(-1),
          z: .real(-0.15)))
  }

  @Test(arguments: [
    ("0", JSONNumber.integer(0)), ("-0", .integer(0)), ("7", .integer(7)), ("-1", .integer(-1)),
    ("1.0", .real(1)), ("0.0", .real(0)), ("1e2", .real(100)), ("1E+2", .real(100)),
    ("-0.5", .real(-0.5)), ("9223372036854775807", .integer(.max)),
    ("-9223372036854775808", .integer(.min)),
    ("9223372036854775808", .real(9_223_372_036_854_775_808.0)), ("1e-400", .real(0)),
  ])
  func integersStayIntegers(text: String, number: JSONNumber) throws {
    let line = #"{"user":"u@x","timestamp":1,"x":\#(text),"y":\#(text),"z":\#(text)}"#
    let reading = try TestLines.accelerometer(line).get()
    #expect(reading.x == number && reading.y == number && reading.z == number)
  }

  @Test(arguments: [
    ("1655564376361.0", 1_655_564_376_361 as Int64), ("1.655564376361e12", 1_655_564_376_361),
    ("-5", -5), ("0", 0), ("9223372036854775807", .max),
  ])
  func integralTimes(text: String, time: Int64) throws {
    let accelerometer = #"{"user":"u@x","timestamp":\#(text),"x":1,"y":1,"z":1}"#
    #expect(try TestLines.accelerometer(accelerometer).get().timestamp == time)
    let stepTrainer = #"{"sensorReadingTime":\#(text),"serialNumber":"s","distanceFromObject":1}"#
    #expect(try TestLines.stepTrainer(stepTrainer).get().sensorReadingTime == time)
  }

  @Test(arguments: [
    (#""user":"u@x","timestamp":1.5,"x":1,"y":1,"z":1"#, "timestamp"),
    (#""user":"u@x","timestamp":1e30,"x":1,"y":1,"z":1"#, "timestamp"),
    (#""user":"u@x","timestamp":"1","x":1,"y":1,"z":1"#, "timestamp"),
    (#""user":"u@x","timestamp":null,"x":1,"y":1,"z":1"#, "timestamp"),
    (#""user":"u@x","x":1,"y":1,"z":1"#, "timestamp"),
    (#""user":"","timestamp":1,"x":1,"y":1,"z":1"#, "user"),
    (#""user":null,"timestamp":1,"x":1,"y":1,"z":1"#, "user"),
    (#""timestamp":1,"x":1,"y":1,"z":1"#, "user"),
    (#""user":"u@x","timestamp":1,"x":"1","y":1,"z":1"#, "x"),
    (#""user":"u@x","timestamp":1,"x":1,"y":true,"z":1"#, "y"),
    (#""user":"u@x","timestamp":1,"x":1,"y":1,"z":null"#, "z"),
    (#""user":"u@x","timestamp":1,"x":1,"y":1,"z":1e400"#, "z"),
    (#""user":"u@x","timestamp":1,"x":1,"y":1"#, "z"),
    (#""user":"u@x","timestamp":1,"x":1,"y":1,"z":1,"x":2"#, "x"),
    (#""user":"u@x","timestamp":1,"x":1,"y":1,"z":1,"\u0078":1"#, "x"),
  ])
  func accelerometerSchemaViolations(members: String, field: String) {
    let error = TestLines.error(TestLines.accelerometer("{\(members)}"))
    #expect(error?.reason == .schemaViolation)
    #expect(error?.field == field)
  }

  @Test func decodesAStepTrainerReading() throws {
    let line =
      #"{"sensorReadingTime":1655564376361,"serialNumber":"sn-1","distanceFromObject":218}"#
    #expect(
      try TestLines.stepTrainer(line).get()
        == StepTrainerReading(
          sensorReadingTime: 1_655_564_376_361, serialNumber: "sn-1",
          distanceFromObject: .integer(218)))
    let real =
      #"{"sensorReadingTime":1,"serialNumber":"s","distanceFromObject":218.0,"extra":[{}]}"#
    #expect(try TestLines.stepTrainer(real).get().distanceFromObject == .real(218))
  }

  @Test(arguments: [
    (#"{"serialNumber":"s","distanceFromObject":1}"#, "sensorReadingTime"),
    (#"{"sensorReadingTime":1,"distanceFromObject":1}"#, "serialNumber"),
    (#"{"sensorReadingTime":1,"serialNumber":"s"}"#, "distanceFromObject"),
    (#"{"sensorReadingTime":1,"serialNumber":"","distanceFromObject":1}"#, "serialNumber"),
    (#"{"sensorReadingTime":1,"serialNumber":7,"distanceFromObject":1}"#, "serialNumber"),
    (#"{"sensorReadingTime":1,"serialNumber":"s","distanceFromObject":"1"}"#, "distanceFromObject"),
    (#"{"sensorReadingTime":0.5,"serialNumber":"s","distanceFromObject":1}"#, "sensorReadingTime"),
    (
      #"{"sensorReadingTime":1,"sensorReadingTime":1,"serialNumber":"s","distanceFromObject":1}"#,
      "sensorReadingTime"
    ),
  ])
  func stepTrainerSchemaViolations(line: String, field: String) {
    let error = TestLines.error(TestLines.stepTrainer(line))
    #expect(error?.reason == .schemaViolation)
    #expect(error?.field == field)
  }

  @Test(arguments: [
    "", "{", #"{"user":"u@x","timestamp":1,"x":1,"y":1,"z":1"#,
    #"{"user":"u@x","timestamp":1,"x":1,"y":1,"z":1} trailing"#,
    #"{"user":"u@x","timestamp":01,"x":1,"y":1,"z":1}"#,
    #"{"user":"u@x\q","timestamp":1,"x":1,"y":1,"z":1}"#,
    #"{"user":"\ud800@x","timestamp":1,"x":1,"y":1,"z":1}"#,
    #"{"user":"u@x","timestamp":1,"x":.5,"y":1,"z":1}"#,
    #"{"user":"u@x","timestamp":1,"x":NaN,"y":1,"z":1}"#,
    #"{"user":"u@x","timestamp":1,"x":1,"y":1,"z":1,}"#,
  ])
  func malformedLines(line: String) {
    #expect(TestLines.reason(TestLines.accelerometer(line)) == .malformed)
    #expect(TestLines.reason(TestLines.stepTrainer(line)) == .malformed)
    #expect(TestLines.reason(TestLines.customer(line)) == .malformed)
  }

  @Test func invalidUTF8IsMalformed() {
    let line =
      Array(#"{"user":"u"#.utf8) + [0xC3] + Array(#"@x","timestamp":1,"x":1,"y":1,"z":1}"#.utf8)
    #expect(TestLines.reason(TestLines.accelerometer(line)) == .malformed)
  }

  @Test func surrogatePairsDecode() throws {
    let line = #"{"user":"\ud83d\ude00@x","timestamp":1,"x":1,"y":1,"z":1}"#
    #expect(try TestLines.accelerometer(line).get().user == "😀@x")
  }
}
