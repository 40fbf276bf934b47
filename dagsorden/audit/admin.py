from django.contrib import admin

from dagsorden.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "action", "body", "object_type"]
    list_filter = ["action", "body", "object_type"]
    search_fields = ["object_repr", "user__username"]
    date_hierarchy = "at"

    # The log is evidence: nobody edits or deletes it, not even an administrator.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
