"""The one error of the spreadsheet and fmt commands: a message key and its arguments, so the CLI can say
it in the user's language."""

from __future__ import annotations

from qingdan.errors import QingdanError


class CommandError(QingdanError):
    """The command cannot go on (exit 2): an unreadable sheet, a bad --into, data a sheet cannot carry."""

    def __init__(self, message_key: str, /, where: str | None = None, **args: str) -> None:
        self.key = message_key
        self.where = where  # the file (and row) it is about, shown before the sentence
        self.details = args
        super().__init__(self.render("zh"))

    def render(self, lang: str) -> str:
        from qingdan.messages import text

        sentence = text(self.key, lang, **self.details)
        return f"{self.where}: {sentence}" if self.where else sentence
