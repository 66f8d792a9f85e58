"""The demo organisation: a believable company, the same one for the same seed.

``seed_org`` (``org.py``) lays out the org chart (units five levels deep, a reporting line where every manager
has 3–12 reports, names in several scripts, the fixed demo logins) with a handful of bulk queries; the plan
is made in memory first (``plan.py``, from the word lists in ``data.py``). Other apps add their own demo data
(OKRs, a review cycle in progress) without touching this package: a ``demo`` package in any installed app
registers its steps (``registry.py``) from a module its ``__init__.py`` imports,

    from people.demo import register_demo_step

    @register_demo_step(order=200)
    def okrs(org: DemoOrg, rng: random.Random) -> None: ...

and ``manage.py seed_demo`` runs them in order after the org chart is in place. Each step gets its own
``random.Random`` derived from the seed and the step's name (``<app>.demo.<function>``), so adding a step
never changes the data of another. ``seed_demo --reset`` (``reset.py``) clears every table of this project
whose rows hang on people or units (by a cascading or protecting foreign key); a step whose rows should go
too without such a link (a review cycle) registers a clean-up with ``register_demo_reset``.
"""

from .org import DEMO_LOGINS, DEMO_PASSWORD, DemoOrg, seed_org
from .plan import MAX_EMPLOYEES, MIN_EMPLOYEES
from .registry import demo_steps, register_demo_reset, register_demo_step, run_demo_steps
from .reset import org_delete

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "MAX_EMPLOYEES", "MIN_EMPLOYEES", "DemoOrg", "demo_steps", "org_delete",
           "register_demo_reset", "register_demo_step", "run_demo_steps", "seed_org"]
