"""The demo cycle of `make run`: what it is in ``maturity/data/demo/demo_cycle.yaml``
(:mod:`.story` reads it), how its values are drawn (:mod:`.generate`), its evidence PDFs
(:mod:`.pdf`) and how it is loaded through the services (:mod:`.loader`)."""
