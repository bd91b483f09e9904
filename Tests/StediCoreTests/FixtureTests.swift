import Foundation
import StediCore
import Testing

/// Reads the hand-written fixtures end to end: file → lines → records.
struct FixtureTests {
  /// What became of one line: skipped (blank), a record, or a row error.
  enum Outcome<Record: Equatable>: Equatable {
    case blank
    case record(Record)
    case rejected(ReasonCode, field: String?)
  }

  static func read<Record: Equatable>(
    _ name: String, bufferSize: Int = LineReader.defaultBufferSize,
    decode: (UnsafeRawBufferPointer) -> Result<Record, RowError>
  ) throws -> [Outcome<Record>] {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
    var outcomes: [Outcome<Record>] = []
    try LineReader(fileURL: url, bufferSize: bufferSize).forEachLine { number, line in
      #expect(number == outcomes.count + 1)
      if LineReader.isBlank(line) {
        outcomes.append(.blank)
        return
      }
      switch decode(line) {
      case .success(let record): outcomes.append(.record(record))
      case .failure(let error): outcomes.append(.rejected(error.reason, field: error.field))
      }
    }
    return outcomes
  }

  @Test(arguments: [LineReader.defaultBufferSize, 16])
  func quirksCustomer(bufferSize: Int) throws {
    let outcomes = try Self.read("quirks-customer", bufferSize: bufferSize) {
      CustomerRecord.decode(line: $0)
    }
    let time: Int64 = 1_655_564_376_361
    #expect(
      outcomes == [
        .record(
          CustomerRecord(
            customerName: "Ana Lee", email: "Ana.Lee@test.com", phone: "8015551212",
            birthDay: "1990-01-01", serialNumber: "sn-absent", registrationDate: time,
            lastUpdateDate: time)),
        .record(
          CustomerRecord(
            customerName: "Bo Ng", email: "Bo.Ng@test.com", birthDay: "1991-02-02",
            serialNumber: "sn-null", registrationDate: time, lastUpdateDate: time)),
        .record(
          CustomerRecord(
            customerName: "Cy Oh", email: "Cy.Oh@test.com", serialNumber: "sn-number",
            shareWithResearchAsOfDate: time, shareWithPublicAsOfDate: time + 1)),
        .blank,
        .record(
          CustomerRecord(
            customerName: "Di Pu", email: "Di.Pu@test.com", serialNumber: "sn-float",
            shareWithResearchAsOfDate: time)),
        .rejected(.schemaViolation, field: "shareWithResearchAsOfDate"),
        .rejected(.schemaViolation, field: "shareWithResearchAsOfDate"),
        .blank,
        .record(
          CustomerRecord(
            customerName: "Gu Sa", email: "Gu.Sa@test.com", serialNumber: "sn-escaped-key",
            shareWithResearchAsOfDate: time)),
        .rejected(.schemaViolation, field: "email"),
        .rejected(.malformed, field: nil),
        .rejected(.schemaViolation, field: nil),
      ])
  }

  @Test(arguments: [LineReader.defaultBufferSize, 7])
  func crlfAccelerometer(bufferSize: Int) throws {
    let outcomes = try Self.read("crlf-accelerometer", bufferSize: bufferSize) {
      AccelerometerReading.decode(line: $0)
    }
    let user = "Spencer.Davis@test.com"
    #expect(
      outcomes == [
        .record(
          AccelerometerReading(
            user: user, timestamp: 1_655_564_376_361, x: .integer(1), y: .integer(-1),
            z: .integer(0))),
        .record(
          AccelerometerReading(
            user: user, timestamp: 1_655_564_376_362, x: .real(1), y: .real(-0.5),
            z: .real(0.002))),
        .blank,
        .record(
          AccelerometerReading(
            user: user, timestamp: 1_655_564_376_363, x: .integer(.min),
            y: .real(9_223_372_036_854_775_808.0), z: .real(0.1))),
        .rejected(.schemaViolation, field: "timestamp"),
        .record(
          AccelerometerReading(
            user: user, timestamp: 1_655_564_376_364, x: .integer(1), y: .integer(1),
            z: .integer(1))),
      ])
  }

  @Test func malformedStepTrainer() throws {
    let outcomes = try Self.read("malformed-step_trainer") { StepTrainerReading.decode(line: $0) }
    #expect(
      outcomes == [
        .record(
          StepTrainerReading(
            sensorReadingTime: 1_655_564_376_361, serialNumber: "sn-1",
            distanceFromObject: .integer(218))),
        .record(
          StepTrainerReading(
            sensorReadingTime: 1_655_564_376_362, serialNumber: "sn-1",
            distanceFromObject: .real(218))),
        .rejected(.schemaViolation, field: "serialNumber"),
        .rejected(.malformed, field: nil),
        .rejected(.malformed, field: nil),
        .rejected(.malformed, field: nil),
        .rejected(.malformed, field: nil),
      ])
  }
}
