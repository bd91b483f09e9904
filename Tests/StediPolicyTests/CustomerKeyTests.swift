import StediCore
import StediPolicy
import Testing

/// Email keys and the packed customer record the customer phase holds for every customer.
struct CustomerKeyTests {
  @Test(arguments: [
    ("a.b@test.com", "a.b@test.com"),
    ("Santosh.Clayton@Test.com", "santosh.clayton@test.com"),
    ("  a@x.io\t", "a@x.io"),
    (" A@X.IO\n", "a@x.io"),
    ("b@x.io ", "b@x.io"),
    ("ÉMILE@exemple.fr", "émile@exemple.fr"),
    ("émile@exemple.fr", "émile@exemple.fr"),
    ("", ""),
    ("   ", ""),
  ])
  func withdrawalKeysTrimAndLowerCase(email: String, key: String) {
    #expect(Policy.withdrawalKey(email) == key)
    // A key is its own key (the fast path returns it as it is).
    #expect(Policy.withdrawalKey(key) == key)
  }

  @Test func everyTimeFieldKeepsItsOwnValueAndAbsence() {
    var record = CustomerRecord(email: "a@x.io", serialNumber: "s")
    for field in CustomerTimeField.allCases { #expect(record.time(field) == nil) }
    let values: [CustomerTimeField: Int64] = [
      .registrationDate: 1, .lastUpdateDate: -2, .shareWithResearchAsOfDate: Int64.max,
      .shareWithPublicAsOfDate: Int64.min, .shareWithFriendsAsOfDate: 0,
    ]
    record.registrationDate = values[.registrationDate]
    record.lastUpdateDate = values[.lastUpdateDate]
    record.shareWithResearchAsOfDate = values[.shareWithResearchAsOfDate]
    record.shareWithPublicAsOfDate = values[.shareWithPublicAsOfDate]
    record.shareWithFriendsAsOfDate = values[.shareWithFriendsAsOfDate]
    for field in CustomerTimeField.allCases { #expect(record.time(field) == values[field], "\(field)") }
    // A present zero is not an absent value.
    var absent = record
    absent.shareWithFriendsAsOfDate = nil
    #expect(absent != record)
    #expect(absent.time(.shareWithFriendsAsOfDate) == nil)
    #expect(absent.shareWithPublicAsOfDate == Int64.min)
  }

  @Test func recordsAreEqualExactlyWhenTheirFieldsAre() {
    let one = CustomerRecord(email: "a@x.io", serialNumber: "s", registrationDate: 5, lastUpdateDate: nil)
    var other = CustomerRecord(email: "a@x.io", serialNumber: "s", registrationDate: 7)
    #expect(one != other)
    other.registrationDate = 5
    #expect(one == other)
    #expect(one.hashValue == other.hashValue)
    // Set then cleared compares equal to never set.
    other.lastUpdateDate = 9
    other.lastUpdateDate = nil
    #expect(one == other)
    #expect(Set([one, other]).count == 1)
  }
}
