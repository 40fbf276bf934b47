"""E-mail alerts in the portal: the subscribe form's target, the confirmation link and
unsubscribing. What they mean is in ``alerts.services``; here is only the web part.

The token in a link is the only proof a visitor owns the address, so the pages answer
an unknown or spent token alike, without saying whether an address was subscribed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dagsorden.alerts import services
from dagsorden.bodies import selectors as bodies


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """GET: the form (the body page links here, so it sets no cookie itself); POST: it."""
    data = request.POST if request.method == "POST" else request.GET
    slug = data.get("organ", "").strip()
    body = bodies.body_get(slug=slug) if slug else None
    if slug and body is None:
        raise Http404("Organet findes ikke.")
    context = {"email": data.get("email", ""), "body": body, "query": data.get("q", "")}
    if request.method == "GET":
        return render(request, "portal/alerts_subscribe.html", context)
    try:
        subscription = services.subscribe(email=context["email"], body=body, query=context["query"])
    except ValidationError as error:
        context["errors"] = error.messages
        return render(request, "portal/alerts_subscribe.html", context, status=400)
    context["subscription"] = subscription
    return render(request, "portal/alerts_subscribed.html", context)


@never_cache
def confirm(request, token: str):
    subscription = services.confirm(token=token)
    context = {"subscription": subscription}
    return render(
        request, "portal/alerts_confirm.html", context, status=200 if subscription else 404
    )


# Exempt: a mail client's RFC 8058 one-click POST carries no CSRF token. The secret
# token in the address is what authorises it, and all it can do is stop mails.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    if request.method == "POST":
        done = services.unsubscribe(token=token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Afmeldt.\n", content_type="text/plain; charset=utf-8")
        return render(request, "portal/alerts_unsubscribed.html", {"done": done})
    subscription = services.subscription_get(token=token)
    context = {"subscription": subscription}
    return render(
        request, "portal/alerts_unsubscribe.html", context, status=200 if subscription else 404
    )
