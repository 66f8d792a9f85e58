"""The org-chart import's test files and the steps its tests share: run an import, check that a refused one
wrote nothing (``counts``: the chart as it stands), read a person back."""

from people.models import Person, Unit, User
from workflows.models import TransitionLog
from workflows.org_import import import_org

HEADER = "email,full_name,title,unit_path,manager_email,hire_date"
BASIC = [
    "boss@acme.test,Bea Boss,CEO,Acme,,2019-05-01",
    "eng@acme.test,Eli Eng,Head of Engineering,Acme/Engineering,boss@acme.test,",
    "dev@acme.test,Dana Dev,Engineer,Acme/Engineering/Platform,eng@acme.test,2021-02-03",
    "dev2@acme.test,Dirk Dev,Engineer,Acme/Engineering/Platform,eng@acme.test,",
]


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode() + b"\n"


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "people": Person.objects.count(),
        "units": Unit.objects.count(),
        "logs": TransitionLog.objects.count(),
        "active": Person.objects.filter(state=Person.State.ACTIVE).count(),
        "chart": sorted(Person.objects.values_list("pk", "manager_id", "unit_id", "title", "full_name")),
        "leads": sorted(Unit.objects.values_list("pk", "lead_id")),
    }


def run(data: bytes, **kwargs):
    return import_org(data, filename=kwargs.pop("filename", "org.csv"), **kwargs)


def refused(data: bytes, **kwargs) -> list[str]:
    """Run an import that must fail, check it wrote nothing, and answer its errors as text."""
    before = counts()
    result = run(data, **kwargs)
    assert not result.ok
    assert counts() == before
    return [str(e) for e in result.errors]


def person(email: str) -> Person:
    return Person.objects.select_related("user", "unit", "manager").get(user__email=email)


def org_file_without_sales(org) -> bytes:
    """Everyone of the personas except the outsider (Sales) and HR; Ina Inactive comes back."""
    return csv_file(
        "ceo@example.com,Cora CEO,CEO,Acme,,",
        "skip@example.com,Sam Skip,Engineer,Acme/Engineering,ceo@example.com,",
        "manager@example.com,Mia Manager,Engineer,Acme/Engineering/Platform,skip@example.com,",
        "employee@example.com,Emil Employee,Engineer,Acme/Engineering/Platform,manager@example.com,",
        "peer@example.com,Pia Peer,Engineer,Acme/Engineering/Platform,manager@example.com,",
        "inactive@example.com,Ina Inactive,Engineer,Acme/Engineering/Platform,manager@example.com,",
        "hire@example.com,Hal Hire,Engineer,Acme/Sales,hr@example.com,",
    )
