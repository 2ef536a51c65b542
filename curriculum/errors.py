"""The one exception type for mistakes a person can make (bad input, missing profile, unreadable content).

The command line prints its message as one line and exits 2; the TUI shows it as a notification.
Anything else that escapes is a bug and keeps its traceback.
"""


class UserError(Exception):
    """A mistake the person can fix: the message says what was wrong and, where useful, what to do."""
