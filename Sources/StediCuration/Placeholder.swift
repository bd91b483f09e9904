// StediCuration
