from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dagsorden.cases.admin import URL_HTTPS
from dagsorden.cases.models import Attachment
from dagsorden.meetings.models import (
    AgendaItem,
    AgendaSection,
    AgendaTemplate,
    Attendance,
    ItemNote,
    ItemPart,
    Meeting,
    MeetingEvent,
    MeetingVersion,
)


class AgendaSectionInline(admin.TabularInline):
    model = AgendaSection
    extra = 0
    fields = ["order", "number", "title"]
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["order", "name", "party", "role", "present", "reason", "substitute_for", "person"]
    autocomplete_fields = ["person"]


class MeetingEventInline(admin.TabularInline):
    model = MeetingEvent
    extra = 0
    fields = ["at", "from_state", "to_state", "by", "reason"]
    readonly_fields = fields
    can_delete = False

    # Workflow history is written by meetings.workflow only.
    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "body", "state", "kind", "document", "start", "location", "modified"]
    list_filter = ["body", "state", "kind", "document", "virtual"]
    list_select_related = ["body"]
    search_fields = ["body__name", "location"]
    date_hierarchy = "date"
    autocomplete_fields = ["body"]
    readonly_fields = ["created", "modified"]
    inlines = [AgendaSectionInline, AttendanceInline, MeetingEventInline]


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


class ItemNoteInline(admin.TabularInline):
    model = ItemNote
    extra = 0
    fields = ["order", "person", "text"]
    autocomplete_fields = ["person"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "meeting_of", "case", "public"]
    list_filter = ["public", "section__meeting__body"]
    list_select_related = ["section__meeting__body", "case"]
    search_fields = ["number", "title", "case__number", "section__meeting__body__name"]
    readonly_fields = ["created", "modified", "revision"]
    autocomplete_fields = ["section", "case", "minutes_of", "carried_from"]
    inlines = [ItemPartInline, AttachmentInline, ItemNoteInline]

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


@admin.register(ItemNote)
class ItemNoteAdmin(admin.ModelAdmin):
    list_display = ["text", "person", "item"]
    list_select_related = ["person", "item"]
    search_fields = ["text", "person__name", "item__title"]
    autocomplete_fields = ["item", "person"]


@admin.register(MeetingEvent)
class MeetingEventAdmin(admin.ModelAdmin):
    list_display = ["at", "meeting", "from_state", "to_state", "by"]
    list_filter = ["to_state", "meeting__body"]
    list_select_related = ["meeting__body", "by"]
    readonly_fields = ["meeting", "from_state", "to_state", "by", "at", "reason"]

    def has_add_permission(self, request):
        return False


@admin.register(MeetingVersion)
class MeetingVersionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "note", "by", "created"]
    list_filter = ["meeting__body"]
    list_select_related = ["meeting__body", "by"]
    readonly_fields = ["meeting", "number", "document", "note", "by", "created"]

    # A version is what members were sent: it is history, never edited.
    def has_add_permission(self, request):
        return False


@admin.register(AgendaTemplate)
class AgendaTemplateAdmin(admin.ModelAdmin):
    list_display = ["body", "modified"]
    autocomplete_fields = ["body"]
