"""Praise, feedback, asks, a manager's notes, and a review's evidence.

The scenario's praise is from the peer (respondent) to the employee; the peer's feedback about the employee is
private to the manager (``feedback``) or shared with the employee (``shared_feedback``); the employee asked the
peer for feedback about themselves (``ask``); the manager keeps a note about the employee (``manager_note``).
Every member reads every praise; feedback reaches its author, the chain and HR (the employee only when shared);
an ask its asker, its respondents, the chain and HR; a note its author and HR admin alone.
"""

from .terms import API_DETAIL, API_LIST, HR, MEMBERS, PAGE, REVIEW, SCOPE, R, Row, everyone, scoped

PRAISE = lambda s: [s.praise.pk]                   # noqa: E731
FEEDBACK = lambda s: [s.feedback.pk]               # noqa: E731
SHARED = lambda s: [s.shared_feedback.pk]          # noqa: E731
ASK = lambda s: [s.ask.pk]                         # noqa: E731
NOTE = lambda s: [s.manager_note.pk]               # noqa: E731
VALUE = lambda s: [s.praise.value.pk]              # noqa: E731
CEO = lambda s: s.org.ceo.pk                       # noqa: E731
EMPLOYEE = lambda s: s.people["employee"].pk       # noqa: E731

PRIVATE_READERS = frozenset({"respondent", "manager", "skip", "hr_partner", "hr_admin"})  # author, chain, HR
SHARED_READERS = PRIVATE_READERS | {"employee"}
ASK_READERS = SHARED_READERS                       # the asker (the employee), the respondent, chain, HR
NOTE_READERS = frozenset({"manager", "hr_admin"})
ABOVE = frozenset({"manager", "skip"})             # who may write a note or an ask about the employee
# Who reads a review's evidence through the API: the employee's chain and HR; the employee sees the review (403).
EVIDENCE = {200: {"manager", "skip", "hr_partner", "hr_admin"}, 403: {"employee"}}


def hr_only(status: int = 200) -> dict:
    return {status: HR}


ROWS: list[Row] = [
    # Praise: the company-wide wall.
    R("continuous:wall", "GET", PAGE, answers=everyone()),
    R("continuous:wall", "POST", PAGE, answers=everyone(302),
      body=lambda s: {"recipients": [CEO(s)], "message": "Thank you"}),
    R("continuous:praise", "GET", PAGE, PRAISE, everyone()),
    R("continuous:react", "POST", PAGE, PRAISE, everyone(302), body=lambda s: {"kind": "heart"}),
    R("praise-list", "GET", API_LIST, answers=everyone(), sees=MEMBERS, shows=lambda s: s.praise.pk),
    R("praise-list", "POST", API_LIST, answers=everyone(201),
      body=lambda s: {"recipients": [CEO(s)], "message": "Thank you", "value": None}),
    R("praise-detail", "GET", API_DETAIL, PRAISE, everyone()),
    R("company-value-list", "GET", API_LIST, answers=everyone()),
    R("company-value-detail", "GET", API_DETAIL, lambda s: [s.praise.value.code], everyone()),
    R("continuous:person_praise", "GET", PAGE, lambda s: [EMPLOYEE(s)], everyone(), note="the org chart card's"),
    # Feedback at any time.
    R("continuous:feedback", "GET", PAGE, answers=everyone()),
    R("continuous:give", "GET", PAGE, answers=everyone()),
    R("continuous:give", "POST", PAGE, answers={302: MEMBERS - {"employee"}, 400: {"employee"}},
      body=lambda s: {"about": [EMPLOYEE(s)], "text": "Clear demo", "visibility": "shared_with_person"},
      note="about the employee (not oneself)"),
    R("continuous:feedback_detail", "GET", PAGE, FEEDBACK, {200: PRIVATE_READERS}, note="private to the manager"),
    R("continuous:feedback_detail", "GET", PAGE, SHARED, {200: SHARED_READERS}, note="shared with the person"),
    R("feedback-list", "GET", API_LIST, answers=everyone(), sees=PRIVATE_READERS, shows=lambda s: s.feedback.pk),
    R("feedback-list", "POST", API_LIST, answers={201: MEMBERS - {"employee"}, 400: {"employee"}},
      body=lambda s: {"about": EMPLOYEE(s), "text": "Clear demo", "visibility": "shared_with_person"}),
    R("feedback-list", "POST", API_LIST, answers={201: {"respondent"}, 400: MEMBERS - {"respondent"}},
      body=lambda s: {"about": EMPLOYEE(s), "text": "It went well", "visibility": "shared_with_person",
                      "request": s.ask.pk}, note="answering the employee's ask"),
    R("feedback-detail", "GET", API_DETAIL, FEEDBACK, {200: PRIVATE_READERS}, note="private to the manager"),
    R("feedback-detail", "GET", API_DETAIL, SHARED, {200: SHARED_READERS}, note="shared with the person"),
    # Asks.
    R("continuous:ask", "GET", PAGE, answers=everyone()),
    R("continuous:ask", "POST", PAGE, answers=everyone(302),
      body=lambda s: {"respondents": [CEO(s)], "question": "How did it go?"}, note="about oneself"),
    R("continuous:ask_detail", "GET", PAGE, ASK, {200: ASK_READERS}),
    R("continuous:ask_detail", "POST", PAGE, ASK, scoped({"respondent"}, 302, visible=ASK_READERS),
      body=lambda s: {"text": "It went well", "visibility": "shared_with_person"}, note="the answer"),
    R("feedback-ask-list", "GET", API_LIST, answers=everyone(), sees=ASK_READERS, shows=lambda s: s.ask.pk),
    R("feedback-ask-list", "POST", API_LIST, answers=everyone(201),
      body=lambda s: {"respondents": [CEO(s)], "question": "How did it go?"}),
    R("feedback-ask-list", "POST", API_LIST, answers={201: ABOVE | {"employee"}, 400: MEMBERS - ABOVE - {"employee"}},
      body=lambda s: {"about": EMPLOYEE(s), "respondents": [CEO(s)], "question": "How is Emil doing?"},
      note="about the employee: themselves or their managers"),
    R("feedback-ask-detail", "GET", API_DETAIL, ASK, {200: ASK_READERS}),
    # A manager's private notes.
    R("continuous:notes", "GET", PAGE, answers=everyone()),
    R("continuous:notes", "POST", PAGE, answers={302: {"manager"}, 400: MEMBERS - {"manager"}},
      body=lambda s: {"about": EMPLOYEE(s), "text": "Ready for more"}, note="about a direct report"),
    R("continuous:note", "GET", PAGE, NOTE, {200: NOTE_READERS}),
    R("continuous:note", "POST", PAGE, NOTE, scoped({"manager"}, 302, visible=NOTE_READERS),
      body=lambda s: {"text": "Edited"}),
    R("note-list", "GET", API_LIST, answers=everyone(), sees=NOTE_READERS, shows=lambda s: s.manager_note.pk),
    R("note-list", "POST", API_LIST, answers={201: ABOVE, 400: MEMBERS - ABOVE},
      body=lambda s: {"about": EMPLOYEE(s), "text": "Ready for more"}),
    R("note-detail", "GET", API_DETAIL, NOTE, {200: NOTE_READERS}),
    R("note-detail", "PATCH", API_DETAIL, NOTE, scoped({"manager"}, visible=NOTE_READERS),
      body=lambda s: {"text": "Edited"}),
    # HR's settings and values.
    R("continuous:settings", "GET", PAGE, answers=hr_only()),
    R("continuous:settings", "POST", PAGE, answers=hr_only(302),
      body=lambda s: {"channel": "", "channel_webhook": "", "channel_language": "en", "nudge_weeks": 6}),
    R("continuous:value_new", "GET", PAGE, answers=hr_only()),
    R("continuous:value_new", "POST", PAGE, answers=hr_only(302), body=lambda s: {"name_en": "Kindness"}),
    R("continuous:value", "GET", PAGE, VALUE, hr_only()),
    R("continuous:value", "POST", PAGE, VALUE, hr_only(302), body=lambda s: {"name_en": "Ownership", "active": "on"}),
    # A review's evidence.
    R("api-review-evidence", "GET", API_DETAIL, REVIEW, EVIDENCE),
    # The panel on the review page: every reader of the review, each seeing what they may read.
    R("reviews:evidence", "GET", PAGE, REVIEW, {200: SCOPE}),
]
