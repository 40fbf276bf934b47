"""The public REST API at /api/v1/: what the portal shows everyone, as JSON."""
