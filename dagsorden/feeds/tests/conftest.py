import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """The portal's page cache outlives a test's database; start each test without it."""
    cache.clear()
    yield
    cache.clear()
