"""The product's URLs plus ``/bench/ok/``: the cheapest response Django can give through
the same middleware, the floor bench/portal_rps.py measures the portal against."""

from django.http import HttpResponse
from django.urls import include, path


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/ok/", ok),
    path("", include("dagsorden.urls")),
]
