from django.urls import path

from .views import calibration, conversation, cycle, dashboard, evidence, feedback, inbox, mine, review

app_name = "reviews"

urlpatterns = [
    path("tasks/", inbox.tasks, name="tasks"),
    path("mine/", mine.mine, name="mine"),
    path("team/", mine.team, name="team"),
    path("<int:pk>/", review.review_detail_page, name="review"),
    path("<int:pk>/self-review/", review.self_review_save, name="self_review"),
    path("<int:pk>/manager-review/", review.manager_review_save, name="manager_review"),
    path("<int:pk>/respondents/", review.nominate, name="nominate"),
    path("<int:pk>/respondents/search/", review.respondent_search, name="respondent_search"),
    path("<int:pk>/evidence/", evidence.evidence_page, name="evidence"),
    path("<int:pk>/transitions/<slug:name>/", review.review_transition, name="transition"),
    path("<int:pk>/conversation/", conversation.conversation_start, name="conversation_start"),
    path("conversations/<int:pk>/", conversation.conversation_page, name="conversation"),
    path("conversations/<int:pk>/save/", conversation.conversation_save, name="conversation_save"),
    path("conversations/<int:pk>/goals/", conversation.conversation_goal_add, name="conversation_goal"),
    path("conversations/<int:pk>/invite.ics", conversation.conversation_invite, name="conversation_invite"),
    path("conversations/<int:pk>/transitions/<slug:name>/", conversation.conversation_transition,
         name="conversation_transition"),
    path("cycles/<int:pk>/calibration/", calibration.calibration, name="calibration"),
    path("cycles/<int:pk>/calibration/sessions/", calibration.calibration_session_add, name="calibration_session_add"),
    path("cycles/<int:pk>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("cycles/<int:pk>/dashboard/remind/", dashboard.dashboard_remind, name="dashboard_remind"),
    path("cycles/<int:pk>/results.<str:fmt>", dashboard.dashboard_export, name="dashboard_export"),
    path("<int:pk>/calibrate/", calibration.calibration_calibrate, name="calibration_calibrate"),
    path("requests/<int:pk>/", feedback.request_page, name="request"),
    path("requests/<int:pk>/answers/", feedback.request_answers_save, name="request_answers"),
    path("requests/<int:pk>/transitions/<slug:name>/", feedback.request_transition, name="request_transition"),
]

# Served under /cycles/ in the ``cycles`` namespace beside the configuration pages (see config/urls.py).
cycle_urlpatterns = [
    path("<int:pk>/", cycle.cycle_detail, name="detail"),
    path("<int:pk>/transitions/<slug:name>/", cycle.cycle_transition, name="transition"),
]
