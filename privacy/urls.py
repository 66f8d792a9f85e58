from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("people/<int:pk>/", views.person_privacy, name="person"),
    path("people/<int:pk>/export/", views.person_export_download, name="export"),
    path("people/<int:pk>/erase/", views.person_erase_confirm, name="erase"),
]
