from django.urls import path

from .views import alignment, board, development, goals, key_results, objectives, tree

app_name = "okrs"

urlpatterns = [
    path("", goals.my_goals, name="my_goals"),
    path("team/", goals.team_goals, name="team_goals"),
    path("people/<int:person_id>/", goals.person_goals, name="person_goals"),
    path("units/<int:unit_id>/", goals.unit_goals, name="unit_goals"),
    path("tree/", tree.tree, name="tree"),
    path("tree/<int:pk>/children/", tree.tree_children, name="tree_children"),
    path("objectives/new/", objectives.objective_create, name="objective_new"),
    path("objectives/<int:pk>/", objectives.objective_detail, name="objective"),
    path("objectives/<int:pk>/edit/", objectives.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/transitions/<str:name>/", objectives.objective_transition, name="objective_transition"),
    path("objectives/<int:pk>/key-results/new/", key_results.key_result_create, name="key_result_new"),
    path("key-results/<int:pk>/", key_results.key_result_detail, name="key_result"),
    path("key-results/<int:pk>/edit/", key_results.key_result_edit, name="key_result_edit"),
    path("key-results/<int:pk>/check-in/", key_results.check_in, name="check_in"),
    path("objectives/<int:pk>/ask/", alignment.dependency_create, name="dependency_new"),
    path("dependencies/<int:pk>/transitions/<str:name>/", alignment.dependency_transition,
         name="dependency_transition"),
    path("board/", board.my_board, name="my_board"),
    path("board/teams/<int:unit_id>/", board.unit_board, name="unit_board"),
    path("board/people/<int:person_id>/", board.person_board, name="person_board"),
    path("people/<int:person_id>/development/", development.development_list, name="development"),
    path("people/<int:person_id>/development/new/", development.development_create, name="development_new"),
    path("development/<int:pk>/edit/", development.development_edit, name="development_edit"),
]
