import pytest
from hypothesis import given
from hypothesis import strategies as st

from people.models import Person
from people.services import ReportingLoopError, lineages_from_parents, person_lineages_rebuild

from ..factories import build_org


def test_lineages_follow_the_parents():
    assert lineages_from_parents({1: None, 2: 1, 3: 2, 4: 1}) == {1: "1/", 2: "1/2/", 3: "1/2/3/", 4: "1/4/"}


def test_a_loop_is_refused_and_named():
    with pytest.raises(ReportingLoopError) as caught:
        lineages_from_parents({1: None, 2: 3, 3: 4, 4: 2})
    assert caught.value.person_ids == [2, 3, 4]


@given(st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=60))
def test_every_lineage_ends_with_the_node_and_extends_its_parent(raw):
    # Node i's parent is some earlier node (a forest, never a loop).
    parents = {i + 1: (raw[i] % (i + 1)) or None for i in range(len(raw))}
    lineage = lineages_from_parents(parents)
    for node, parent in parents.items():
        assert lineage[node].endswith(f"{node}/")
        assert lineage[node] == (lineage[parent] if parent else "") + f"{node}/"


@pytest.mark.django_db
def test_rebuild_writes_only_what_changed(django_assert_max_num_queries):
    people = build_org(30, fanout=3)
    assert person_lineages_rebuild() == 0
    moved = people[10]
    moved.manager = None
    moved.save(update_fields=["manager"])
    changed = person_lineages_rebuild()
    below = Person.objects.filter(lineage__startswith=f"{moved.pk}/")
    assert changed == below.count()
    assert all(p.is_under(moved) for p in below.exclude(pk=moved.pk))
