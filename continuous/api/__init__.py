"""The praise and feedback API: /api/praise/, /api/feedback/, /api/feedback-asks/, /api/notes/,
/api/company-values/ (routes in ``continuous/api_urls.py``)."""
