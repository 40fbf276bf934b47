from django.contrib import admin

from dagsorden.bodies.models import (
    Body,
    LegislativeTerm,
    Membership,
    Municipality,
    Party,
    Person,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "letter"]
    search_fields = ["name", "letter"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "body"
    extra = 0
    autocomplete_fields = ["person", "substitute", "party", "municipality"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities", "secretaries"]
    inlines = [MembershipInline]


@admin.register(LegislativeTerm)
class LegislativeTermAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user"]
    search_fields = ["name", "email", "user__username"]
    autocomplete_fields = ["user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "basis", "party", "municipality", "term"]
    list_filter = ["body", "term", "role", "basis", "party"]
    list_select_related = ["person", "body", "party", "municipality", "term"]
    search_fields = ["person__name", "body__name", "municipality__name"]
    autocomplete_fields = ["person", "substitute", "body", "party", "municipality"]
