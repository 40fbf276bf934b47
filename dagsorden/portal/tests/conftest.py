import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached pages: the cache outlives a test's database."""
    cache.clear()
    yield
    cache.clear()
