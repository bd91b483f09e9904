// StediKeys
