import StediCore
import StediPolicy
@testable import StediZones
import Testing

/// What the layer keeps of a `customer_trusted` record for curation writes the same row as the
/// whole record, for any choice of columns, and keeps no field those columns do not write.
struct RowSerializerTests {
  static let record = CustomerRecord(
    customerName: "Ada Lovelace", email: "Ada.Lovelace@example.com", phone: "8015551212",
    birthDay: "1815-12-10", serialNumber: "50f7b4f3-7af5-4b07-a421-7b902c8d2b7c",
    registrationDate: 1, lastUpdateDate: 2, shareWithResearchAsOfDate: 3, shareWithPublicAsOfDate: nil,
    shareWithFriendsAsOfDate: 5)

  static var columnChoices: [[OutputColumn]] {
    let all = OutputColumn.available(in: .customerCurated)
    return [all, [.customerId, .registrationDate, .shareWithResearchAsOfDate], []] + all.map { [$0] }
  }

  @Test(arguments: columnChoices)
  func theKeptRecordWritesTheSameRow(columns: [OutputColumn]) {
    let serializer = RowSerializer(columns: columns)
    let kept = serializer.keepingWritten(Self.record)
    #expect(serializer.customer(kept, customerId: "p") == serializer.customer(Self.record, customerId: "p"))
    #expect(kept.serialNumber == Self.record.serialNumber)
    #expect(kept.email == (columns.contains(.email) ? Self.record.email : ""))
    #expect(kept.customerName == (columns.contains(.customerName) ? Self.record.customerName : nil))
    #expect(kept.phone == (columns.contains(.phone) ? Self.record.phone : nil))
    #expect(kept.birthDay == (columns.contains(.birthDay) ? Self.record.birthDay : nil))
    #expect(kept.lastUpdateDate == (columns.contains(.lastUpdateDate) ? 2 : nil))
  }
}
