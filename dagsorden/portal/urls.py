from django.urls import path

from dagsorden.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("moeder/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("moeder/<int:meeting_id>/rettelser/", views.version_list, name="version_list"),
    path(
        "moeder/<int:meeting_id>/rettelser/<int:old>/<int:new>/",
        views.version_compare,
        name="version_compare",
    ),
    path("bilag/<int:attachment_id>/", views.attachment_download, name="attachment"),
]
