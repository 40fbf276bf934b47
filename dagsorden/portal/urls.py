from django.urls import path

from dagsorden.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("moeder/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
]
