"""argparse in German: usage, help and error texts (interfaces.md §2 — every message German).

argparse takes its texts from `gettext` at call time (`argparse._`, `argparse.ngettext`);
`GermanParser` routes them through TEXTS first. Unknown texts (a later Python) stay English.
"""

import argparse
import gettext

TEXTS = {
    "usage: ": "Aufruf: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "show this help message and exit": "diese Hilfe anzeigen und beenden",
    "positional arguments": "Angaben",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "„%(value)s“ gibt es nicht (möglich: %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "„%(value)s“ gibt es nicht – gemeint: „%(closest)s“? (möglich: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "erwartet einen Wert",
    "expected at most one argument": "erwartet höchstens einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: „%(value)s“",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutige Option: %(option)s passt zu %(matches)s",
    "one of the arguments %s is required": "eine dieser Angaben fehlt: %s",
    "not allowed with argument %s": "nicht zusammen mit %s erlaubt",
    "ignored explicit argument %r": "Wert %r ignoriert",
    "unexpected option string: %s": "unerwartete Option: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "unbekannter Befehl „%(parser_name)s“ (möglich: %(choices)s)",
    "show program's version number and exit": "Versionsnummer anzeigen und beenden",
}
PLURALS = {"expected %s argument": "erwartet %s Wert", "expected %s arguments": "erwartet %s Werte"}


def german(text: str) -> str:
    return TEXTS.get(text, gettext.gettext(text))


def german_plural(singular: str, plural: str, n: int) -> str:
    return PLURALS.get(singular if n == 1 else plural, gettext.ngettext(singular, plural, n))


def install() -> None:
    """Route argparse's texts through TEXTS (process-wide; KitaDesk's processes speak German)."""
    argparse._ = german  # type: ignore[attr-defined]
    argparse.ngettext = german_plural  # type: ignore[attr-defined]


class GermanParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are German; sub-parsers are German too."""

    def __init__(self, *args, **kwargs):
        install()
        super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", GermanParser)
        return super().add_subparsers(**kwargs)
