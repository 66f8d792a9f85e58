"""Gunicorn settings for Perfcycle's web processes (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

Every value can be changed from the environment, so one file serves systemd, a Procfile platform and a
container alike. Sizing: each worker process keeps its own PostgreSQL pool of up to DATABASE_POOL_MAX
connections, so a host opens at most WEB_CONCURRENCY × DATABASE_POOL_MAX of them (see README "Deployment").
"""

import multiprocessing
import os

# A Procfile platform hands the port over in PORT; behind nginx on one host, a loopback port.
bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
# A few threads per worker keep a slow PDF download from holding a whole process.
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# PDFs are rendered in the request; give them time, then recycle a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound; jitter keeps them from all
# restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# Only the reverse proxy in front may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No preload: each worker opens its own database pool after the fork.
preload_app = False
# systemd (or the platform) supervises the processes: no control socket in the service user's home.
control_socket_disable = True
