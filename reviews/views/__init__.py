"""The review cycle's pages: the inbox, a review (self-review, respondents, manager review) and a
respondent's feedback request. Each view fetches through the access-checked selectors (404 when the
caller may not see the object), asks the policy (403 when they see it but may not act), and makes one
service or transition call (409 in the wrong state, 400 with the field errors)."""
