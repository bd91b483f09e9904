// StediAuditKit
