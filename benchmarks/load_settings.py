"""Settings of the load benchmark's server (benchmarks/load.py): production settings, served
over plain HTTP on 127.0.0.1, with the benchmark's URLconf (the product's, plus a bare DRF
endpoint to compare against). Never used by the product."""

import os

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.load_urls"
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("MATURASI_BENCH_QUEUE", "celery")
