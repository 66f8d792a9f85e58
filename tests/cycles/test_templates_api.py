"""HR builds scales and templates through /api/scales/ and /api/templates/; members only read them."""

import pytest

from cycles.models import RatingScale, ReviewTemplate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def respondent_scale() -> int:
    return RatingScale.objects.get(code="respondent").pk


def body(**extra):
    return {"name": {"en": "Engineering review", "ru": "Ревью инженеров", "zh-hans": "工程评估"}, "questions": [
        {"section": "ratings", "kind": "rating", "author": "self", "text": {"en": "Ownership"},
         "scale": respondent_scale(), "required": True},
        {"section": "open", "kind": "text", "author": "manager", "text": {"ru": "Итоги"}, "scale": None},
        {"section": "goals", "kind": "goal", "author": "respondent", "text": {"en": "This goal"}, "scale": None},
    ], **extra}


def test_hr_admin_creates_a_template_with_questions_in_three_languages(org, api):
    response = api(org.hr_admin).post("/api/templates/", body(), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["version"] == 1 and data["name"]["zh-hans"] == "工程评估" and data["warnings"] == []
    assert [(q["kind"], q["author"], q["required"]) for q in data["questions"]] == [
        ("rating", "self", True), ("text", "manager", False), ("goal", "respondent", False)]
    assert data["questions"][1]["text"] == {"ru": "Итоги"}


@pytest.mark.parametrize(("question", "message"), [
    ({"text": {}}, "at least one language"),
    ({"text": {"en": "  "}}, "at least one language"),
    ({"text": {"de": "Hallo"}}, "unknown language"),
    ({"scale": 99999}, "no such scale"),
    ({"scale": None}, "needs a scale"),
    ({"kind": "essay"}, "unknown kind"),
    ({"author": "ceo"}, "unknown author"),
    ({"section": "misc"}, "unknown section"),
])
def test_a_bad_question_answers_400_naming_it(org, api, question, message):
    data = body()
    data["questions"][0].update(question)
    response = api(org.hr_admin).post("/api/templates/", data, format="json")
    assert response.status_code == 400
    assert any(message in m and m.startswith("question 1") for m in response.json()["questions"])
    assert not ReviewTemplate.objects.filter(names__en="Engineering review").exists()


def test_a_text_question_takes_no_scale_and_the_name_needs_a_language(org, api):
    data = body(name={"en": ""})
    data["questions"][1]["scale"] = respondent_scale()
    errors = api(org.hr_admin).post("/api/templates/", data, format="json").json()
    assert "takes no scale" in errors["questions"][0] and errors["name"]


def test_members_read_templates_and_only_hr_admin_writes(org, api):
    template = ReviewTemplate.objects.get(code="standard")
    for who in ("employee", "manager", "hr_partner"):
        client = api(getattr(org, who))
        assert client.get(f"/api/templates/{template.pk}/").status_code == 200
        assert client.post("/api/templates/", body(), format="json").status_code == 403
        assert client.patch(f"/api/templates/{template.pk}/", body(), format="json").status_code == 403
        assert client.post(f"/api/templates/{template.pk}/copy/").status_code == 403
        assert client.post("/api/scales/", {"name": {"en": "x"}, "levels": [{"value": 1, "label": {"en": "a"}}]},
                           format="json").status_code == 403
    outsider = api()
    outsider.force_authenticate(UserFactory())
    assert outsider.get(f"/api/templates/{template.pk}/").status_code == 404
    assert outsider.get("/api/templates/").json()["count"] == 0
    assert api().get("/api/templates/").status_code == 401


def test_wrong_methods_answer_405(org, api):
    template = ReviewTemplate.objects.get(code="standard")
    client = api(org.hr_admin)
    assert client.delete(f"/api/templates/{template.pk}/").status_code == 405
    assert client.put(f"/api/templates/{template.pk}/", body(), format="json").status_code == 405
    assert client.patch(f"/api/scales/{respondent_scale()}/", {}, format="json").status_code == 405


def test_hr_admin_creates_a_scale_with_cant_judge(org, api):
    response = api(org.hr_admin).post("/api/scales/", {
        "name": {"en": "Agreement", "ru": "Согласие"}, "cant_judge": True,
        "levels": [{"value": 1, "label": {"en": "disagree"}}, {"value": 2, "label": {"en": "agree"}}],
    }, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["cant_judge"] is True and [lv["value"] for lv in data["levels"]] == [1, 2]
    assert RatingScale.objects.get(pk=data["id"]).levels.get(value=0).is_cant_judge
    listed = api(org.employee).get("/api/scales/").json()
    assert data["id"] in [s["id"] for s in listed["results"]]


@pytest.mark.parametrize(("levels", "cant_judge", "message"), [
    ([{"value": 1, "label": {"en": "a"}}, {"value": 1, "label": {"en": "b"}}], False, "is taken"),
    ([{"value": 0, "label": {"en": "a"}}], True, "is taken"),
    ([{"value": "x", "label": {"en": "a"}}], False, "whole number"),
    ([{"value": 1, "label": {}}], False, "at least one language"),
    ([], False, "at least one level"),
])
def test_bad_levels_answer_400(org, api, levels, cant_judge, message):
    response = api(org.hr_admin).post("/api/scales/", {"name": {"en": "S"}, "levels": levels,
                                                       "cant_judge": cant_judge}, format="json")
    assert response.status_code == 400
    assert any(message in m for m in response.json()["levels"])


def test_malformed_bodies_answer_400_never_500(org, api):
    client = api(org.hr_admin)
    for payload in ([], "x", {"questions": "x", "name": {"en": "A"}}, {"questions": [1], "name": {"en": "A"}},
                    {"name": "plain", "questions": []}, {"bogus": 1}):
        assert client.post("/api/templates/", payload, format="json").status_code == 400


def test_long_forms_are_warned_about(org, api):
    data = body()
    rating = data["questions"][0]
    data["questions"] = [dict(rating, text={"en": f"Competency {n}"}) for n in range(16)]
    warnings = api(org.hr_admin).post("/api/templates/", data, format="json").json()["warnings"]
    assert {(w["rule"], w["author"]) for w in warnings} == {("competencies", None), ("form_length", "self")}
    assert all(w["message"] for w in warnings)


def test_copy_makes_a_new_family(org, api):
    template = ReviewTemplate.objects.get(code="standard")
    response = api(org.hr_admin).post(f"/api/templates/{template.pk}/copy/")
    assert response.status_code == 201
    copy = response.json()
    assert copy["version"] == 1 and copy["family"] != str(template.family)
    assert len(copy["questions"]) == template.questions.count() and "(copy)" in copy["name"]["en"]
