from django.db import models


class WorkerHeartbeat(models.Model):
    """A Celery worker's last sign of life, written by the worker itself.

    Health counts workers from these rows because a remote-control ping does not reach workers
    on every broker (the filesystem transport has no broadcast).
    """

    hostname = models.CharField(max_length=255, unique=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["hostname"]

    def __str__(self) -> str:
        return self.hostname
