// StediAuditTestSupport
