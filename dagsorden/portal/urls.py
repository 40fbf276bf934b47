from django.urls import path

from dagsorden.portal import views
from dagsorden.portal.views import alerts as alerts_views
from dagsorden.portal.views import search as search_views

app_name = "portal"

urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("organer/<slug:slug>/", views.body_detail, name="body_detail"),
    path("organer/<slug:slug>/<int:year>/", views.body_detail, name="body_year"),
    path("moeder/", views.meeting_list, name="meeting_list"),
    path("moeder/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path(
        # path, not str: nothing stops a source from numbering an item "12/3".
        "moeder/<int:meeting_id>/punkter/<path:number>/",
        views.item_detail,
        name="item_detail",
    ),
    path(
        "moeder/<int:meeting_id>/<slug:kind>.pdf",
        views.meeting_pdf_download,
        name="meeting_pdf",
    ),
    path("moeder/<int:meeting_id>/rettelser/", views.version_list, name="version_list"),
    path(
        "moeder/<int:meeting_id>/rettelser/<int:old>/<int:new>/",
        views.version_compare,
        name="version_compare",
    ),
    path("sager/<int:case_id>/", views.case_detail, name="case_detail"),
    path("bilag/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("soeg/", search_views.search_page, name="search"),
    path("abonnement/", alerts_views.subscribe, name="alerts_subscribe"),
    path("abonnement/bekraeft/<str:token>/", alerts_views.confirm, name="alerts_confirm"),
    path("abonnement/afmeld/<str:token>/", alerts_views.unsubscribe, name="alerts_unsubscribe"),
]
