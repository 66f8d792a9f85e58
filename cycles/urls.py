from django.urls import path

from . import views

app_name = "cycles"

urlpatterns = [
    path("", views.cycle_list, name="list"),
    path("new/", views.cycle_new, name="new"),
    path("<int:pk>/", views.cycle_detail, name="detail"),
    path("<int:pk>/edit/", views.cycle_edit, name="edit"),
    path("<int:pk>/copy/", views.cycle_copy_view, name="copy"),
    path("<int:pk>/transitions/<slug:name>/", views.cycle_transition, name="transition"),
]
