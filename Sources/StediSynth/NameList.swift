/// First and last names for synthetic customers, with their bytes in each email letter case.
enum NameList {
  static let first: [String] = [
    "Santosh", "Ben", "Frank", "David", "Edward", "Ana", "Sarah", "Jacob", "Lyn", "Chris",
    "Maria", "Kwame", "Mei", "Olivia", "Liam", "Noah", "Emma", "Ava", "Sofia", "Lucas",
    "Mateo", "Aisha", "Omar", "Yuki", "Hiro", "Priya", "Ravi", "Elena", "Ivan", "Nora",
    "Grace", "Henry", "Isla", "Jack", "Kai", "Leah", "Mason", "Nina", "Oscar", "Paula",
    "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wendy", "Xavier", "Yara", "Zane",
    "Aaron", "Bianca", "Carlos", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ines", "Jonah",
    "Kira", "Luis", "Maya", "Neil",
  ]

  static let last: [String] = [
    "Clayton", "Khatib", "Hansen", "Jones", "Staples", "Lee", "Smith", "Mitra", "Lincoln",
    "Doshi", "Garcia", "Mensah", "Wang", "Brown", "Davis", "Miller", "Wilson", "Moore",
    "Taylor", "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson",
    "Robinson", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright",
    "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
    "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards",
    "Stewart", "Flores", "Morris", "Nguyen", "Murphy", "Rivera", "Cook", "Rogers", "Morgan",
    "Peterson", "Cooper", "Reed",
  ]

  /// Name bytes by email variant (0: as written, 1: lower case, 2: upper case).
  static let firstBytes: [[[UInt8]]] = variants(of: first)
  static let lastBytes: [[[UInt8]]] = variants(of: last)

  private static func variants(of names: [String]) -> [[[UInt8]]] {
    [
      names.map { Array($0.utf8) }, names.map { Array($0.lowercased().utf8) },
      names.map { Array($0.uppercased().utf8) },
    ]
  }
}
