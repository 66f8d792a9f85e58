"""Documents: reports and PDF batches."""

from .terms import BATCH, CYCLE, EXPORT, HR, PAGE, PARTNERS, PDF, UNIT, R, Row, everyone

ROWS: list[Row] = [
    # HR's index of documents: HR admin, and each HR partner over their own units.
    R("documents:index", "GET", PAGE, answers={200: HR | PARTNERS}),
    R("documents:unit_report", "GET", PDF, UNIT, everyone()),
    R("documents:cycle_report", "GET", PDF, CYCLE, {200: HR | PARTNERS}),
    R("documents:batches", "GET", PAGE, answers={200: HR | PARTNERS}),
    R("documents:batch", "GET", PAGE, BATCH, {200: HR}),
    R("documents:batch_progress", "GET", PAGE, BATCH, {200: HR}),
    R("documents:batch_zip", "GET", EXPORT, BATCH, {200: HR}),
]
