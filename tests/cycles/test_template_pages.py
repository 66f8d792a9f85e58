"""HR admin's template builder pages: list, editor (moves, tabs, errors kept), copy and preview."""

import pytest

from cycles.models import Question, RatingScale, ReviewTemplate

pytestmark = pytest.mark.django_db


def form(rows, name="Sales review", **extra):
    data = {"count": len(rows), "name-en": name, "language": "en", "op": "save"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"q-{i}-{key}"] = value
    data.update(extra)
    return data


def rating(text="Customer focus", key="n1", **extra):
    return {"key": key, "section": "ratings", "kind": "rating", "author": "self", "text-en": text,
            "scale": RatingScale.objects.get(code="respondent").pk, **extra}


def test_the_list_and_editor_are_hr_admins_only(org, web):
    template = ReviewTemplate.objects.get(code="standard")
    for path in ("/cycles/templates/", f"/cycles/templates/{template.pk}/edit/", "/cycles/templates/new/",
                 f"/cycles/templates/{template.pk}/preview/"):
        assert web(org.employee).get(path).status_code == 403
        assert web(org.hr_partner).get(path).status_code == 403
        assert web(org.hr_admin).get(path).status_code == 200
    assert web(org.employee).post(f"/cycles/templates/{template.pk}/copy/").status_code == 403


def test_the_hr_nav_links_the_builder_for_hr_admin_only(org, web):
    assert "/cycles/templates/" in web(org.hr_admin).get("/cycles/").content.decode()
    assert "/cycles/templates/" not in web(org.hr_partner).get("/cycles/").content.decode()


def test_hr_admin_builds_a_template_in_three_languages(org, web):
    data = form([rating(**{"text-ru": "Клиентоориентированность", "text-zh-hans": "客户导向", "required": "1"}),
                 {"key": "n2", "section": "open", "kind": "text", "author": "manager", "text-en": "Summary"}],
                **{"name-ru": "Ревью продаж", "name-zh-hans": "销售评估"})
    response = web(org.hr_admin).post("/cycles/templates/new/", data)
    assert response.status_code == 302
    template = ReviewTemplate.objects.get(names__en="Sales review")
    assert template.names["zh-hans"] == "销售评估"
    assert [(q.kind, q.author, q.required, q.texts.get("ru")) for q in template.questions.all()] == [
        ("rating", "self", True, "Клиентоориентированность"), ("text", "manager", False, None)]


def test_bad_input_keeps_what_was_typed_and_says_why_beside_the_field(org, web):
    data = form([rating(text="Typed text", scale=""), {"key": "n2", "section": "open", "kind": "text",
                                                        "author": "self", "text-en": ""}])
    response = web(org.hr_admin).post("/cycles/templates/new/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Typed text"' in page and "needs a scale" in page and "at least one language" in page
    assert not ReviewTemplate.objects.filter(names__en="Sales review").exists()


def test_moves_and_language_tabs_keep_the_form_unsaved(org, web):
    client = web(org.hr_admin)
    rows = [rating(text="First", key="a"), rating(text="Second", key="b")]
    page = client.post("/cycles/templates/new/", form(rows, op="up:b")).content.decode()
    assert page.index('value="Second"') < page.index('value="First"')
    page = client.post("/cycles/templates/new/", form(rows, op="lang:ru")).content.decode()
    assert 'id="q-0-text-ru"' in page and 'type="hidden" name="q-0-text-en" value="First"' in page
    assert "missing" in page
    page = client.post("/cycles/templates/new/", form(rows, op="add:manager")).content.decode()
    assert 'name="count" value="3"' in page
    assert not ReviewTemplate.objects.filter(names__en="Sales review").exists()


def test_copy_and_preview(org, web):
    template = ReviewTemplate.objects.get(code="standard")
    response = web(org.hr_admin).post(f"/cycles/templates/{template.pk}/copy/")
    assert response.status_code == 302
    page = web(org.hr_admin).get(f"/cycles/templates/{template.pk}/preview/").content.decode()
    assert "What went well" in page and "How did they do on this goal?" in page
    assert "Ship the new onboarding" in page and "Summary of results" in page


def make_templates(count, questions):
    scale = RatingScale.objects.get(code="respondent")
    for n in range(count):
        t = ReviewTemplate.objects.create(code=f"t{count}-{n}", names={"en": f"T{n}"})
        Question.objects.bulk_create([Question(template=t, section="ratings", kind="rating", author="self",
                                               texts={"en": f"Q{i}"}, scale=scale, position=i)
                                      for i in range(questions)])
    return t


@pytest.mark.parametrize(("count", "questions"), [(2, 3), (12, 30)])
def test_the_list_and_editor_take_a_fixed_number_of_queries(org, web, django_assert_max_num_queries, count,
                                                            questions):
    last = make_templates(count, questions)
    client = web(org.hr_admin)
    client.get("/cycles/templates/")  # the session and roles warmed up
    with django_assert_max_num_queries(8):
        assert client.get("/cycles/templates/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/cycles/templates/{last.pk}/edit/").status_code == 200
