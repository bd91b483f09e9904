// expect: cannot convert value of type 'TrustedRow<CustomerRecord>' to expected argument type 'TrustedRow<StepTrainerReading>'
// A customer row settled as a reading.
import StediCore
import StediZones

func misuse(_ settling: borrowing StepTrainerSettling, _ customer: TrustedRow<CustomerRecord>) throws {
  try settling.settle(customer)
}
