"""What the assessments part announces to the parts above it.

Scores sit above assessments (they read answers and reviews), so an assessment service cannot
call scoring; it announces the change instead, and :mod:`maturity.scores.tasks` listens.
"""

from django.dispatch import Signal

#: Sent once the transaction that changed an assessment's scoring inputs has committed
#: (``assessment_id``).
scoring_inputs_changed = Signal()
