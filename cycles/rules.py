"""Who may read and configure review cycles.

Every member reads the cycles (names, phases, deadlines: they are on everyone's calendar); HR admins
create, change, copy and move them through their phases.
"""

import rules

from people.rules import is_hr_admin, is_member

rules.add_perm("cycles.view_reviewcycle", is_member)
rules.add_perm("cycles.add_reviewcycle", is_hr_admin)
rules.add_perm("cycles.change_reviewcycle", is_hr_admin)
rules.add_perm("cycles.run_reviewcycle", is_hr_admin)
rules.add_perm("cycles.view_template", is_member)
