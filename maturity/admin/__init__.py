"""The admin of the maturity app: one module per part, registered on import."""

from maturity.admin import assessments, cycles, frameworks, programmes, scores

__all__ = ["assessments", "cycles", "frameworks", "programmes", "scores"]
