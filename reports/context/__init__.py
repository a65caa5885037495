"""The plain context each PDF report is rendered from, built in a handful of queries.

- ``plain``: the dataclasses (strings and numbers, no ORM objects) that the templates read;
- ``common``: what both reports share (statuses, how scores are written, metadata, level bands,
  a cycle's latest snapshots);
- ``region``: the region report, one builder per section, reading ``region_source`` and calling
  ``region_elements``, ``region_charts``, ``region_progress`` (progress and the roadmap) and
  ``region_method``;
- ``national``: the national summary of a cycle, with its charts in ``national_charts``.
"""
