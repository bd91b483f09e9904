// expect: 'steps' consumed more than once
// A phase copied, so that one copy could go on while the other stays behind.
import StediZones

func misuse(_ steps: consuming StepTrainerIntake) {
  let first = steps
  let second = steps
  _ = first.finishStepTrainer()
  _ = second.finishStepTrainer()
}
