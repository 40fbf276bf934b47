"""Included at /api/v1/ by the project's urls, in the "api" namespace."""

from dagsorden.api.api import api

# Ninja names its application "ninja"; a plain include() takes the namespace from app_name,
# and the API's links and OpenAPI schema reverse names under "api:".
urlpatterns = api.urls[0]
app_name = api.urls_namespace
