import Foundation
import StediCore
import StediSynth
import Testing

/// With defects, every planted kind appears, even at small scale; without, none does.
struct DefectTests {
  static let kinds: [String] =
    [
      "customer.malformed_truncated", "customer.malformed_garbage",
      "customer.malformed_invalid_utf8",
      "customer.schema_empty_email", "customer.schema_missing_field", "customer.schema_string_time",
      "customer.schema_fractional_time", "customer.schema_wrong_type", "customer.schema_not_object",
      "customer.schema_out_of_range_time", "customer.duplicate_customer",
      "customer.reregistration_withdraw", "customer.reregistration_give",
      "customer.reregistration_change", "customer.reregistration_update",
      "customer.reregistration_new_device", "customer.reregistration_email_case",
      "customer.conflicting_customer", "customer.dateless_customer", "customer.shared_serial",
      "customer.invalid_only_customer", "customer.blank_line",
      "accelerometer.case_variant_user", "accelerometer.unknown_user",
      "accelerometer.unknown_fields", "accelerometer.float_time", "accelerometer.other_number_form",
      "accelerometer.reordered_keys", "accelerometer.blank_line",
      "step_trainer.unknown_serial", "step_trainer.unknown_fields", "step_trainer.float_time",
      "step_trainer.crlf_file", "step_trainer.empty_file", "step_trainer.blank_line",
    ]
    + ["accelerometer", "step_trainer"].flatMap { table in
      [
        "malformed_truncated", "malformed_garbage", "malformed_invalid_utf8", "schema_string_time",
        "schema_string_number", "schema_missing_field", "schema_fractional_time",
        "schema_empty_identity", "schema_not_object", "schema_out_of_range_time",
      ].map { "\(table).\($0)" }
    }

  @Test(arguments: [20, 50], [UInt64(1), 2, 3, 4])
  func everyKindIsPlantedAtSmallScale(customers: Int, seed: UInt64) throws {
    let data = try GeneratedData(SynthConfig(customers: customers, seed: seed, defects: true))
    defer { data.remove() }
    let truth = data.truth
    for kind in Self.kinds { #expect((truth.planted[kind] ?? 0) > 0, "\(kind)") }
    let strict: [(TableID, ReasonCode)] = [
      (.customerTrusted, .malformed), (.customerTrusted, .schemaViolation),
      (.customerTrusted, .duplicate), (.customerTrusted, .superseded),
      (.customerTrusted, .ambiguousCustomer), (.customerTrusted, .noConsent),
      (.accelerometerTrusted, .unknownUser), (.accelerometerTrusted, .ambiguousCustomer),
      (.accelerometerTrusted, .noConsent), (.accelerometerTrusted, .beforeConsent),
      (.stepTrainerTrusted, .unknownSerial), (.stepTrainerTrusted, .ambiguousSerial),
      (.stepTrainerTrusted, .beforeConsent), (.customerCurated, .noReadings),
      (.machineLearningCurated, .noMatch),
    ]
    for (table, reason) in strict {
      #expect((truth.counts(.strict, table)?.count(reason) ?? 0) > 0, "strict \(table) \(reason)")
    }
    let rubric: [(TableID, ReasonCode)] = [
      (.accelerometerTrusted, .unknownUser), (.accelerometerTrusted, .noConsent),
      (.stepTrainerTrusted, .unknownSerial), (.stepTrainerTrusted, .notCurated),
      (.customerCurated, .duplicate), (.customerCurated, .noReadings),
    ]
    for (table, reason) in rubric {
      #expect(
        (truth.counts(.udacityRubric, table)?.count(reason) ?? 0) > 0, "rubric \(table) \(reason)")
    }
    // The rubric compares emails exactly: case-variant readings are unknown users there only.
    let strictUnknown = truth.counts(.strict, .accelerometerTrusted)?.count(.unknownUser) ?? 0
    let rubricUnknown =
      truth.counts(.udacityRubric, .accelerometerTrusted)?.count(.unknownUser) ?? 0
    #expect(rubricUnknown > strictUnknown)
  }

  @Test func defectsAreInTheBytes() throws {
    let data = try GeneratedData(SynthConfig(customers: 50, seed: 9, defects: true))
    defer { data.remove() }
    let step = try data.files(.stepTrainerLanding)
    #expect(step.sawCRLF)
    #expect(step.emptyFiles == 1)
    let customers = try data.files(.customerLanding)
    #expect(customers.blankLines > 0)
    #expect(customers.rows.contains { String(validating: $0, as: UTF8.self) == nil })
    let readings = try data.files(.accelerometerLanding).rows.map {
      String(decoding: $0, as: UTF8.self)
    }
    #expect(readings.contains { $0.contains("\"device\":{") })
    #expect(
      readings.contains {
        $0.range(of: #""timestamp":\d{13}\.0,"#, options: .regularExpression) != nil
      })
    let upper = readings.contains { $0.contains("@TEST.COM") }
    let lower = readings.contains {
      $0.hasPrefix("{\"user\":\"") && $0.dropFirst(9).first?.isLowercase == true
    }
    #expect(upper || lower)
  }

  @Test func noDefectsMeansCleanData() throws {
    let data = try GeneratedData(SynthConfig(customers: 200, seed: 10, defects: false))
    defer { data.remove() }
    #expect(data.truth.planted.isEmpty)
    for table in TableID.landings {
      let files = try data.files(table)
      #expect(files.blankLines == 0 && !files.sawCRLF && files.emptyFiles == 0)
    }
    for profile in SynthProfile.allCases {
      for table in TableID.outputs {
        #expect(data.truth.counts(profile, table)?.quarantined.isEmpty == true)
      }
    }
    let customers = try #require(data.truth.counts(.strict, .customerTrusted))
    #expect(customers.count(.duplicate) == 0 && customers.count(.ambiguousCustomer) == 0)
    // Still the export's normal shape: consent absent or null, readings before consent.
    #expect(customers.count(.noConsent) > 0)
    #expect((data.truth.counts(.strict, .accelerometerTrusted)?.count(.beforeConsent) ?? 0) > 0)
    #expect((data.truth.counts(.strict, .customerCurated)?.count(.noReadings) ?? 0) > 0)
  }
}
