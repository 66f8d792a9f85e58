"""Who may export or erase a person's data: HR admins only.

HR business partners are left out on purpose: an export holds every review, note and private objective of
the person, and an erasure cannot be undone; both stay with the role that sees the whole organisation.
"""

import rules

from people.rules import is_hr_admin

rules.add_perm("privacy.export_person", is_hr_admin)
rules.add_perm("privacy.erase_person", is_hr_admin)
