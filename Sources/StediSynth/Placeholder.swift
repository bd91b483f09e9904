// StediSynth
