"""The one error type of the report layer; its message is German and reaches the user."""


class ReportError(Exception):
    """An export was refused or its data is inconsistent (message in German)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()):
        self.problems = tuple(problems)
        text = message if not self.problems else message + "\n" + "\n".join(f"– {p}" for p in self.problems)
        super().__init__(text)
        self.message = message
