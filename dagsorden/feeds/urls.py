from django.urls import path

from dagsorden.feeds import atom, calendar

app_name = "feeds"

urlpatterns = [
    path("organer/<slug:slug>/kalender.ics", calendar.body_calendar, name="body_calendar"),
    path("organer/<slug:slug>/feed.atom", atom.BodyFeed(), name="body_atom"),
    path("personer/<int:person_id>/kalender.ics", calendar.person_calendar, name="person_calendar"),
]
