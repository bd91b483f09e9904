// StediPolicy
