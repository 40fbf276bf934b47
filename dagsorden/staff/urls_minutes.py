"""The minutes: attendance, decisions, notes, and carrying items forward."""

from django.urls import path

from dagsorden.staff.views import minutes

P = "moeder/<int:meeting_id>/referat/"

urlpatterns = [
    path(P, minutes.minutes, name="minutes"),
    path(f"{P}fremmoede/", minutes.attendance_save, name="minutes_attendance"),
    path(f"{P}fremmoede/hent/", minutes.attendance_fetch, name="minutes_attendance_fetch"),
    path(f"{P}punkter/<int:item_id>/beslutning/", minutes.decision_save, name="minutes_decision"),
    path(
        f"{P}punkter/<int:item_id>/bemaerkninger/",
        minutes.note_add_view,
        name="minutes_note_add",
    ),
    path(
        f"{P}bemaerkninger/<int:note_id>/slet/",
        minutes.note_delete_view,
        name="minutes_note_delete",
    ),
    path(f"{P}videre/", minutes.carry_forward, name="minutes_carry_forward"),
]
