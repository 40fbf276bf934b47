"""The workflow and the audit log."""

from django.urls import path

from dagsorden.staff.views import audit, workflow

urlpatterns = [
    path("moeder/<int:meeting_id>/status/", workflow.meeting_status, name="meeting_status"),
    path("log/", audit.audit_log, name="audit_log"),
]
