"""Settings for `make run` on a developer's machine: debug on unless the environment says not."""

import os

os.environ.setdefault("DEBUG", "1")

from config.settings.base import *  # noqa: E402,F403
