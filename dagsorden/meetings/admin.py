from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dagsorden.cases.admin import URL_HTTPS
from dagsorden.cases.models import Attachment
from dagsorden.meetings.models import AgendaItem, AgendaSection, Attendance, ItemPart, Meeting


class AgendaSectionInline(admin.TabularInline):
    model = AgendaSection
    extra = 0
    fields = ["order", "number", "title"]
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["order", "name", "party", "role", "present", "person"]
    autocomplete_fields = ["person"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "body", "kind", "document", "start", "location", "modified"]
    list_filter = ["body", "kind", "document", "virtual"]
    list_select_related = ["body"]
    search_fields = ["body__name", "location"]
    date_hierarchy = "date"
    autocomplete_fields = ["body"]
    readonly_fields = ["created", "modified"]
    inlines = [AgendaSectionInline, AttendanceInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "number", "title", "case", "public"]
    autocomplete_fields = ["case"]
    show_change_link = True


@admin.register(AgendaSection)
class AgendaSectionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "meeting"]
    list_filter = ["meeting__body"]
    list_select_related = ["meeting__body"]
    search_fields = ["number", "title", "meeting__body__name"]
    autocomplete_fields = ["meeting"]
    inlines = [AgendaItemInline]


class ItemPartInline(admin.StackedInline):
    model = ItemPart
    extra = 0
    fields = ["order", "heading", "text"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["order", "title", "file", "url", "source_file", "public"]
    formfield_overrides = URL_HTTPS


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "meeting_of", "case", "public"]
    list_filter = ["public", "section__meeting__body"]
    list_select_related = ["section__meeting__body", "case"]
    search_fields = ["number", "title", "case__number", "section__meeting__body__name"]
    autocomplete_fields = ["section", "case"]
    readonly_fields = ["created", "modified"]
    inlines = [ItemPartInline, AttachmentInline]

    @admin.display(description=_("møde"), ordering="section__meeting__date")
    def meeting_of(self, obj: AgendaItem) -> str:
        return str(obj.section.meeting)


@admin.register(ItemPart)
class ItemPartAdmin(admin.ModelAdmin):
    list_display = ["heading", "item", "order"]
    list_select_related = ["item"]
    search_fields = ["heading", "text", "item__title", "item__number"]
    autocomplete_fields = ["item"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["name", "party", "role", "present", "meeting"]
    list_filter = ["present", "meeting__body"]
    list_select_related = ["meeting__body"]
    search_fields = ["name", "party", "meeting__body__name"]
    autocomplete_fields = ["meeting", "person"]
