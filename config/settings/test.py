"""Fast settings for the test suite: quick hashing, local media, tasks eager unless integration."""

import os
import tempfile

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="maturasi-media-"))

from config.settings.base import *  # noqa: E402,F403

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]  # noqa: F405

if str(DATABASES["default"]["ENGINE"]).endswith("sqlite3"):  # noqa: F405
    # A file, not memory, so that an integration test's worker process sees the same data.
    DATABASES["default"]["TEST"] = {  # type: ignore[index]  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"maturasi-test-{os.getpid()}.sqlite3")
    }

# Each test run has its own queue so that runs sharing one broker never take each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.setdefault(
    "MATURASI_TEST_QUEUE", f"maturasi-test-{os.getpid()}"
)
