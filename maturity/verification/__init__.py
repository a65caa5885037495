"""Verification as the scheme runs it: the province stage, verification activities (interviews,
field visits and the rest) with their minutes, where to look first, and how alike reviewers
verify."""
