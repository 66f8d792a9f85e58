from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.meeting_page, name="meeting"),
    path("<int:pk>/invite.ics", views.meeting_invite, name="invite"),
    path("<int:pk>/points/", views.point_add, name="point_add"),
    path("<int:pk>/points/<int:point_id>/toggle/", views.point_toggle, name="point_toggle"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/actions/", views.action_add, name="action_add"),
    path("<int:pk>/actions/<int:item_id>/toggle/", views.action_toggle, name="action_toggle"),
    path("series/new/", views.series_new, name="series_new"),
    path("series/<int:pk>/edit/", views.series_edit, name="series_edit"),
]
