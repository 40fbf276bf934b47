from django.contrib import admin
from django.db import models

from dagsorden.cases.models import Attachment, Case

# Sources link over https; Django 5 would otherwise add http:// to a bare address.
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    search_fields = ["number", "title"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["title", "item", "order", "public", "file", "source_file"]
    list_filter = ["public"]
    list_select_related = ["item"]
    search_fields = ["title", "source_file", "url", "item__title", "item__number"]
    autocomplete_fields = ["item"]
    formfield_overrides = URL_HTTPS
