import Foundation
import StediCore

/// `strict` as `docs/semantics.md` states it, written plainly, in memory.
struct StrictReference {
  /// The outcome of an email key's group of records.
  enum Customer {
    case ambiguous
    case winner(ReferenceCustomer)
  }

  var customerTrusted = ReferenceTable()
  var accelerometerTrusted = ReferenceTable()
  var stepTrainerTrusted = ReferenceTable()
  var customerCurated = ReferenceTable()
  var machineLearningCurated = ReferenceTable()
  var customers: [String: Customer] = [:]
  /// Admitted accelerometer rows by email key.
  var readingsByKey: [String: Int] = [:]
  /// Admitted step-trainer rows by the email key they are attributed to.
  var stepsByKey: [String: Int] = [:]

  static func key(_ email: String) -> String {
    email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }

  init(
    customers rows: [ReferenceRow<ReferenceCustomer>],
    readings: [ReferenceRow<ReferenceReading>], steps: [ReferenceRow<ReferenceStep>]
  ) {
    // customer_trusted 1: quarantine; 2: duplicates; 3: the greatest lastUpdateDate wins.
    var groups: [String: [ReferenceCustomer]] = [:]
    var order: [String] = []
    for row in rows {
      switch row {
      case .quarantined(let reason): customerTrusted.add(reason)
      case .valid(let record):
        let key = Self.key(record.email)
        if groups[key] == nil { order.append(key) }
        groups[key, default: []].append(record)
      }
    }
    for key in order {
      var distinct: [ReferenceCustomer] = []
      for record in groups[key] ?? [] {
        if distinct.contains(record) {
          customerTrusted.add(.duplicate)
        } else {
          distinct.append(record)
        }
      }
      // Missing lastUpdateDate counts as registrationDate; both missing as minus infinity.
      func update(_ record: ReferenceCustomer) -> Double {
        if let time = record.lastUpdateDate ?? record.registrationDate { return Double(time) }
        return -Double.infinity
      }
      let greatest = distinct.map(update).max() ?? -Double.infinity
      let best = distinct.filter { update($0) == greatest }
      if best.count >= 2 {
        for _ in distinct { customerTrusted.add(.ambiguousCustomer) }
        customers[key] = .ambiguous
      } else if let winner = best.first {
        for _ in 1..<distinct.count { customerTrusted.add(.superseded) }
        customerTrusted.add(winner.shareWithResearchAsOfDate != nil ? .admitted : .noConsent)
        customers[key] = .winner(winner)
      }
    }
    // Serial attribution over all valid records.
    var serialKeys: [String: Set<String>] = [:]
    for record in rows.compactMap(\.record) {
      serialKeys[record.serialNumber, default: []].insert(Self.key(record.email))
    }
    var accelerometerAt: [String: [Int64: Int]] = [:]
    for row in readings {
      guard case .valid(let reading) = row else {
        if case .quarantined(let reason) = row { accelerometerTrusted.add(reason) }
        continue
      }
      let key = Self.key(reading.user)
      let reason = decide(key: key, time: reading.timestamp, unknown: .unknownUser)
      accelerometerTrusted.add(reason)
      if reason == .admitted {
        readingsByKey[key, default: 0] += 1
        accelerometerAt[key, default: [:]][reading.timestamp, default: 0] += 1
      }
    }
    var stepAt: [String: [Int64: Int]] = [:]
    for row in steps {
      guard case .valid(let step) = row else {
        if case .quarantined(let reason) = row { stepTrainerTrusted.add(reason) }
        continue
      }
      let owners = serialKeys[step.serialNumber] ?? []
      let reason: ReasonCode
      if owners.isEmpty {
        reason = .unknownSerial
      } else if owners.count >= 2 {
        reason = .ambiguousSerial
      } else {
        reason = decide(
          key: owners.first ?? "", time: step.sensorReadingTime, unknown: .unknownSerial)
      }
      stepTrainerTrusted.add(reason)
      if reason == .admitted, let key = owners.first {
        stepsByKey[key, default: 0] += 1
        stepAt[key, default: [:]][step.sensorReadingTime, default: 0] += 1
      }
    }
    // customer_curated: trusted customers with at least one trusted reading.
    for (key, customer) in customers {
      guard case .winner(let record) = customer, record.shareWithResearchAsOfDate != nil
      else { continue }
      customerCurated.add((readingsByKey[key] ?? 0) > 0 ? .admitted : .noReadings)
    }
    // machine_learning_curated: pairs of the same customer at the same time.
    var pairs = 0
    var joined = 0
    for (key, times) in stepAt {
      for (time, stepCount) in times {
        let readingCount = accelerometerAt[key]?[time] ?? 0
        pairs += stepCount * readingCount
        if readingCount > 0 { joined += stepCount + readingCount }
      }
    }
    let rowsIn =
      (accelerometerTrusted.reasons[.admitted] ?? 0)
      + (stepTrainerTrusted.reasons[.admitted] ?? 0)
    machineLearningCurated.reasons[.admitted] = joined
    machineLearningCurated.reasons[.noMatch] = rowsIn - joined
    machineLearningCurated.pairs = pairs
  }

  /// The checks after parsing: unknown, ambiguous_customer, no_consent, before_consent.
  private func decide(key: String, time: Int64, unknown: ReasonCode) -> ReasonCode {
    switch customers[key] {
    case nil: return unknown
    case .ambiguous?: return .ambiguousCustomer
    case .winner(let record)?:
      guard let consent = record.shareWithResearchAsOfDate else { return .noConsent }
      return time < consent ? .beforeConsent : .admitted
    }
  }
}
