import StediCore

/// `udacity-rubric` as `docs/semantics.md` states it, written plainly, in memory.
struct RubricReference {
  var customerTrusted = ReferenceTable()
  var accelerometerTrusted = ReferenceTable()
  var stepTrainerTrusted = ReferenceTable()
  var customerCurated = ReferenceTable()
  var machineLearningCurated = ReferenceTable()
  var crossCustomerPairs = 0
  var trustedEmails: Set<String> = []
  var curatedEmails: Set<String> = []
  /// Admitted accelerometer rows by exact user.
  var readingsByUser: [String: Int] = [:]

  init(
    customers rows: [ReferenceRow<ReferenceCustomer>],
    readings: [ReferenceRow<ReferenceReading>], steps: [ReferenceRow<ReferenceStep>]
  ) {
    var trustedRows: [ReferenceCustomer] = []
    for row in rows {
      switch row {
      case .quarantined(let reason): customerTrusted.add(reason)
      case .valid(let record):
        if record.shareWithResearchAsOfDate != nil {
          customerTrusted.add(.admitted)
          trustedRows.append(record)
        } else {
          customerTrusted.add(.noConsent)
        }
      }
    }
    let valid = rows.compactMap(\.record)
    let validEmails = Set(valid.map(\.email))
    let validSerials = Set(valid.map(\.serialNumber))
    trustedEmails = Set(trustedRows.map(\.email))
    var trustedReadings: [ReferenceReading] = []
    for row in readings {
      switch row {
      case .quarantined(let reason): accelerometerTrusted.add(reason)
      case .valid(let reading):
        if !validEmails.contains(reading.user) {
          accelerometerTrusted.add(.unknownUser)
        } else if !trustedEmails.contains(reading.user) {
          accelerometerTrusted.add(.noConsent)
        } else {
          accelerometerTrusted.add(.admitted)
          trustedReadings.append(reading)
          readingsByUser[reading.user, default: 0] += 1
        }
      }
    }
    // customer_curated: first trusted row per email with readings; later ones are duplicates.
    var curatedPairs: Set<String> = []
    var curatedSerials: Set<String> = []
    for record in trustedRows {
      if readingsByUser[record.email] == nil {
        customerCurated.add(.noReadings)
      } else if curatedEmails.contains(record.email) {
        customerCurated.add(.duplicate)
      } else {
        customerCurated.add(.admitted)
        curatedEmails.insert(record.email)
        curatedSerials.insert(record.serialNumber)
        curatedPairs.insert(record.email + "\u{0}" + record.serialNumber)
      }
    }
    var trustedSteps: [ReferenceStep] = []
    for row in steps {
      switch row {
      case .quarantined(let reason): stepTrainerTrusted.add(reason)
      case .valid(let step):
        if !validSerials.contains(step.serialNumber) {
          stepTrainerTrusted.add(.unknownSerial)
        } else if !curatedSerials.contains(step.serialNumber) {
          stepTrainerTrusted.add(.notCurated)
        } else {
          stepTrainerTrusted.add(.admitted)
          trustedSteps.append(step)
        }
      }
    }
    // machine_learning_curated: every (step, reading) pair at the same time.
    var readingsAt: [Int64: [String]] = [:]
    for reading in trustedReadings {
      readingsAt[reading.timestamp, default: []].append(reading.user)
    }
    var stepsAt: [Int64: [String]] = [:]
    for step in trustedSteps {
      stepsAt[step.sensorReadingTime, default: []].append(step.serialNumber)
    }
    var pairs = 0
    var joined = 0
    for (time, serials) in stepsAt {
      let users = readingsAt[time] ?? []
      pairs += serials.count * users.count
      if !users.isEmpty { joined += serials.count + users.count }
      for serial in serials {
        for user in users where !curatedPairs.contains(user + "\u{0}" + serial) {
          crossCustomerPairs += 1
        }
      }
    }
    let rowsIn = trustedReadings.count + trustedSteps.count
    machineLearningCurated.reasons[.admitted] = joined
    machineLearningCurated.reasons[.noMatch] = rowsIn - joined
    machineLearningCurated.pairs = pairs
  }
}
