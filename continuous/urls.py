from django.urls import path

from .views import feedback, notes, praise, settings

app_name = "continuous"

urlpatterns = [
    path("praise/", praise.wall, name="wall"),
    path("praise/<int:pk>/", praise.praise_page, name="praise"),
    path("praise/<int:pk>/react/", praise.react, name="react"),
    path("praise/people/<int:pk>/", praise.person_praise, name="person_praise"),
    path("feedback/", feedback.inbox, name="feedback"),
    path("feedback/give/", feedback.give, name="give"),
    path("feedback/ask/", feedback.ask, name="ask"),
    path("feedback/<int:pk>/", feedback.feedback_page, name="feedback_detail"),
    path("feedback/asks/<int:pk>/", feedback.ask_page, name="ask_detail"),
    path("feedback/settings/", settings.settings_page, name="settings"),
    path("feedback/settings/values/new/", settings.value_page, name="value_new"),
    path("feedback/settings/values/<int:pk>/", settings.value_page, name="value"),
    path("notes/", notes.notes, name="notes"),
    path("notes/<int:pk>/", notes.note_page, name="note"),
]
