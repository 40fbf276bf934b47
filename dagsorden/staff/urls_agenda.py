"""Agenda building: templates, new meetings, the builder, items and attachments."""

from django.urls import path

from dagsorden.staff.views import agenda, attachments, items, templates_views

urlpatterns = [
    path("organer/<slug:slug>/skabelon/", templates_views.body_template, name="body_template"),
    path("organer/<slug:slug>/moeder/nyt/", agenda.meeting_new, name="meeting_new"),
    path("moeder/<int:meeting_id>/", agenda.meeting, name="meeting"),
    path("afsnit/<int:section_id>/nyt-punkt/", agenda.item_add, name="item_add"),
    path("punkter/<int:item_id>/", items.item, name="item"),
    path("punkter/<int:item_id>/flyt/", agenda.item_move_view, name="item_move"),
    path("punkter/<int:item_id>/slet/", agenda.item_delete_view, name="item_delete"),
    path("punkter/<int:item_id>/bilag/", attachments.attachment_new, name="attachment_new"),
    path("bilag/<int:attachment_id>/", attachments.attachment_edit, name="attachment_edit"),
    path(
        "bilag/<int:attachment_id>/slet/",
        attachments.attachment_delete_view,
        name="attachment_delete",
    ),
]
