"""Source tables of the default framework, assembled by ``build_default_framework.py``.

Each module holds ``INDICATORS``: a list of dicts, one per indicator, in presentation order:

    {"theme": "EDU", "code": "EDU-1", "iso37122": "6.1",
     "title": ("judul Indonesia", "English title"),
     "kind": "quantitative", "unit": "%", "direction": "higher",
     "thresholds": ("20", "40", "60", "80"),
     "guidance": ("panduan Indonesia …", "English guidance …"),
     "evidence_required": False}

A rubric indicator has ``"kind": "rubric"``, no unit/direction/thresholds/iso37122, and
``"rubric": {1: ("…", "…"), 2: …, 5: …}``. Only the build script reads these modules; the product
loads the YAML file it writes.
"""
