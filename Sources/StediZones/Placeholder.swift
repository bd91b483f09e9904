// StediZones
