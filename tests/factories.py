"""Test data: factories only, never fixture files."""

import factory
from django.contrib.auth.hashers import make_password

from people.models import Person, Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Unit {n}")
    parent = None
    path = factory.LazyAttribute(lambda o: f"{o.parent.path}/{o.name}" if o.parent else o.name)
    kind = factory.LazyAttribute(lambda o: Unit.Kind.UNIT if o.parent else Unit.Kind.COMPANY)

    @factory.post_generation
    def lineage_(obj, create, extracted, **kwargs):
        obj.lineage = f"{obj.parent.lineage if obj.parent else ''}{obj.pk}/"
        obj.depth = obj.lineage.count("/") - 1
        if create:
            obj.save(update_fields=["lineage", "depth"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password = factory.LazyFunction(lambda: make_password("demo"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Person {n}")
    title = "Engineer"
    unit = None
    manager = None

    @factory.post_generation
    def lineage_(obj, create, extracted, **kwargs):
        obj.lineage = f"{obj.manager.lineage if obj.manager else ''}{obj.pk}/"
        if create:
            obj.save(update_fields=["lineage"])


def build_org(n: int, *, fanout: int = 5, unit: Unit | None = None, top: Person | None = None) -> list[Person]:
    """A reporting tree of ``n`` people under ``top`` (bulk: a fixed number of queries per level)."""
    from people.services import person_lineages_rebuild

    unit = unit or UnitFactory()
    users = User.objects.bulk_create(
        [User(email=f"org{unit.pk}-{i}@example.com", password=make_password("demo")) for i in range(n)]
    )
    people = Person.objects.bulk_create(
        [Person(user=u, full_name=f"Member {i}", title="Engineer", unit=unit) for i, u in enumerate(users)]
    )
    for i, person in enumerate(people):
        person.manager = top if i < fanout else people[(i - fanout) // fanout]
    Person.objects.bulk_update(people, ["manager"])
    person_lineages_rebuild()
    return list(Person.objects.filter(pk__in=[p.pk for p in people]))
