"""The NinjaAPI instance: routers, and errors as JSON with a message one can act on."""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI, Router

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

# Added last so its pattern comes after every real one: an unknown address under
# /api/v1/ answers in JSON, not with the portal's HTML page.
unknown = Router()


@unknown.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def _unknown(request, rest: str):
    raise Http404("Adressen findes ikke i API'et.")


api.add_router("/", unknown)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Findes ikke."}, status=404)
