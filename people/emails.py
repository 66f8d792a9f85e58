"""The one spelling of an email that signs in: what the login, the login throttle and the accounts agree on.

Unicode has many spellings of one address: full-width letters (``ｙ`` for ``y``), ligatures, other case. The
login form and the backend would read them as one account while the throttle counted each as another, so five
wrong passwords for one spelling left the others open. Every reader folds an email the same way instead:
NFKC (compatibility forms to their plain letters), case folded, NFKC again (folding can undo it), surrounding
space stripped. Stored emails are folded the same way when an account is made or imported.

No model is imported here: the settings read it (``config.env.axes_username``) before the apps are loaded.
"""

import unicodedata


def canonical_email(value: str | None) -> str:
    if not value:
        return ""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", str(value)).casefold())
    return folded.strip()
