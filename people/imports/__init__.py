"""The org-chart import: read a CSV or XLSX file, validate every row, then upsert people and units set-based.

Nothing is written unless the whole file is valid. State changes (deactivating people missing from the
file, reactivating returning ones) are not made here: the result lists their ids and
``workflows.org_import`` runs them through the transition runner in the same transaction.
"""

from .reading import COLUMNS, ImportFileError, ImportRow, RowError, org_file_read
from .writing import ImportResult, org_import

__all__ = ["COLUMNS", "ImportFileError", "ImportResult", "ImportRow", "RowError", "org_file_read", "org_import"]
