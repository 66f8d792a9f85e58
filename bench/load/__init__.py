"""``make load`` and ``make load-faults``: the service under a deadline-day load, and under faults.

A real stack on this machine only: a private PostgreSQL instance (``postgres.py``; its own data directory and
port, so restarting it disturbs no other database on the host), gunicorn with ``deploy/gunicorn.conf.py`` and
DEBUG off, two ``db_worker`` processes (``stack.py``), and locust run headless (``locustfile.py``) as real demo
people with their own API tokens and sessions (``prepare.py``). ``run.py`` drives it; ``faults.py`` restarts
PostgreSQL and kills a worker mid-batch; ``check.py`` re-reads every acknowledged write. See bench/README.md.
"""
