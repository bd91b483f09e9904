print("stedi-audit")
