"""Fast inserts for the demo data: COPY on PostgreSQL under primary keys reserved from the sequence."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

COPY_NULL = "\\N"  # COPY's text format for a missing value


def copy_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_insert(model, objs: list) -> list:
    """Insert rows and set their primary keys: on PostgreSQL one COPY with keys reserved from the sequence
    (a bulk INSERT's per-value preparation is most of its cost at this size), elsewhere ``bulk_create``."""
    if connection.vendor != "postgresql" or not objs:
        return model.objects.bulk_create(objs, batch_size=2000)
    table, now = model._meta.db_table, timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [table, len(objs)])
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        stamped = {f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with cursor.copy(f"COPY {table} (id, {columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([obj.pk, *(now if f.attname in stamped else getattr(obj, f.attname) for f in fields)])
    for obj in objs:
        obj._state.adding = False
    return objs
