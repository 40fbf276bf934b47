"""The secretariat's pages. Each area has its own module of views and its own urls list,
included here, so agenda building, the workflow and the minutes grow apart."""

from django.urls import path

from dagsorden.staff import urls_agenda, urls_minutes, urls_workflow
from dagsorden.staff.views import home

app_name = "staff"

urlpatterns = [
    path("", home.home, name="home"),
    *urls_agenda.urlpatterns,
    *urls_minutes.urlpatterns,
    *urls_workflow.urlpatterns,
]
