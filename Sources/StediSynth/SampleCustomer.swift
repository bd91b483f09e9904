/// One planted customer and what each profile must do with their data; for trace tests.
public struct SampleCustomer: Hashable, Sendable, Codable {
  /// The customer's email as written in their first record.
  public var email: String
  /// `consented`, `no_consent`, `ambiguous` or `unknown` (no valid record), under `strict`.
  public var strictStatus: String
  /// The winning record's consent time under `strict`, if it consents.
  public var strictConsentTime: Int64?
  /// `accelerometer_trusted` rows of this customer under `strict`.
  public var strictAccelerometerTrusted: Int
  /// `step_trainer_trusted` rows attributed to this customer under `strict`.
  public var strictStepTrainerTrusted: Int
  /// Whether the customer reaches `customer_curated` under `strict`.
  public var strictCurated: Bool
  /// Whether some `customer_trusted` row has exactly this email under `udacity-rubric`.
  public var rubricConsented: Bool
  /// `accelerometer_trusted` rows whose user is exactly this email under `udacity-rubric`.
  public var rubricAccelerometerTrusted: Int
  /// Whether a `customer_curated` row has exactly this email under `udacity-rubric`.
  public var rubricCurated: Bool

  public init(
    email: String, strictStatus: String, strictConsentTime: Int64?,
    strictAccelerometerTrusted: Int, strictStepTrainerTrusted: Int, strictCurated: Bool,
    rubricConsented: Bool, rubricAccelerometerTrusted: Int, rubricCurated: Bool
  ) {
    self.email = email
    self.strictStatus = strictStatus
    self.strictConsentTime = strictConsentTime
    self.strictAccelerometerTrusted = strictAccelerometerTrusted
    self.strictStepTrainerTrusted = strictStepTrainerTrusted
    self.strictCurated = strictCurated
    self.rubricConsented = rubricConsented
    self.rubricAccelerometerTrusted = rubricAccelerometerTrusted
    self.rubricCurated = rubricCurated
  }
}
