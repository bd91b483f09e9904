/// The fields of a `customer_landing` line, in schema order.
enum CustomerField: Int, LandingField {
  case customerName, email, phone, birthDay, serialNumber, registrationDate, lastUpdateDate
  case shareWithResearchAsOfDate, shareWithPublicAsOfDate, shareWithFriendsAsOfDate

  var index: Int { rawValue }

  init?(exactKey key: UnsafeRawBufferPointer) {
    switch key.count {
    case 5 where key.equalsASCII("email"): self = .email
    case 5 where key.equalsASCII("phone"): self = .phone
    case 8 where key.equalsASCII("birthDay"): self = .birthDay
    case 12 where key.equalsASCII("customerName"): self = .customerName
    case 12 where key.equalsASCII("serialNumber"): self = .serialNumber
    case 14 where key.equalsASCII("lastUpdateDate"): self = .lastUpdateDate
    case 16 where key.equalsASCII("registrationDate"): self = .registrationDate
    case 23 where key.equalsASCII("shareWithPublicAsOfDate"): self = .shareWithPublicAsOfDate
    case 24 where key.equalsASCII("shareWithFriendsAsOfDate"): self = .shareWithFriendsAsOfDate
    case 25 where key.equalsASCII("shareWithResearchAsOfDate"): self = .shareWithResearchAsOfDate
    default: return nil
    }
  }

  var key: StaticString {
    switch self {
    case .customerName: "customerName"
    case .email: "email"
    case .phone: "phone"
    case .birthDay: "birthDay"
    case .serialNumber: "serialNumber"
    case .registrationDate: "registrationDate"
    case .lastUpdateDate: "lastUpdateDate"
    case .shareWithResearchAsOfDate: "shareWithResearchAsOfDate"
    case .shareWithPublicAsOfDate: "shareWithPublicAsOfDate"
    case .shareWithFriendsAsOfDate: "shareWithFriendsAsOfDate"
    }
  }
}
