// StediAuditLog
