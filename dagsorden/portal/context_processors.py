def static_export(request):
    """``static_export``: the page is being crawled for a static copy of the portal
    (``dagsorden export-site`` sets ``request.META["dagsorden.export"]``), which must hold
    no login box and no form: nothing on a static site can answer them."""
    return {"static_export": bool(request.META.get("dagsorden.export"))}
