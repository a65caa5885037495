"""The service's own operation: worker heartbeats, health, backup and restore."""
