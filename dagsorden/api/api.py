"""The NinjaAPI instance: routers, and errors as JSON with a message one can act on."""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI

from dagsorden.api import bodies, meetings

api = NinjaAPI(
    title="Dagsorden API",
    version="1",
    description=(
        "Offentliggjorte møder, dagsordener, referater, sager og bilag, og hvem der "
        "sidder i organerne. Kun det, portalen viser alle: lukkede punkter har kun "
        "nummer og neutral titel. Lister er sorteret efter id og pagineres med "
        "limit/offset; følg `next`. Svar har ETag, og If-None-Match giver 304."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/", bodies.router)
api.add_router("/", meetings.router)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Findes ikke."}, status=404)
