"""SEPA credit transfers (pain.001) for a finalized payout run (`payout --sepa`, interfaces.md §4).

One transfer per row of sheet Auszahlung (carers whose month sums to more than 0).
Refused as a whole — with a German message naming every case — for a draft run, an
empty run, an unsupported pain version, a bad payer account (also the example account
EXAMPLE_PAYER_IBAN of the defaults), or any carer whose IBAN is missing or invalid
(checked with schwifty: structure, length, check digits, SEPA zone) or whose name has
no character left in the SEPA set. Amounts go to sepaxml as integer cents computed from
Decimal (never float).

Names and texts are transliterated to the SEPA character set (a-z A-Z 0-9 / - ? : ( ) . ,
' + space): ä → ae, ö → oe, ü → ue, ß → ss, other letters to their base letter (é → e,
ş → s, ı → i, ł → l, ø → o), & → +; anything else (emoji, Cyrillic, …) is dropped.

pain.001 version: setting `sepa_pain_version`; empty (the default) = the newest version
sepaxml ships a schema for (DEFAULT_PAIN_VERSION, with sepaxml 2.x pain.001.001.11); the
alternatives are SUPPORTED_PAIN_VERSIONS: pain.001.001.03 (the German banks' format until
the 2025 ISO migration, still accepted by many), .09 (the DK's current format) and .10/.11 —
what the city's bank accepts decides.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import sepaxml
from schwifty import BIC, IBAN
from schwifty import exceptions as sx
from sepaxml import SepaTransfer
from sepaxml.validation import ValidationError

from kitadesk.domain.settings import EXAMPLE_PAYER_BIC, EXAMPLE_PAYER_IBAN  # noqa: F401 (re-export)
from kitadesk.formats import day
from kitadesk.reports.data import PayoutReport, SepaPayer
from kitadesk.reports.errors import ReportError


def _supported_versions() -> tuple[str, ...]:
    schemas = Path(sepaxml.__file__).parent / "schemas"
    found = [p.stem for p in schemas.glob("pain.001.*.xsd")]
    return tuple(sorted(found, key=lambda v: tuple(int(n) for n in v.split(".")[1:])))


SUPPORTED_PAIN_VERSIONS: tuple[str, ...] = _supported_versions()
DEFAULT_PAIN_VERSION: str = SUPPORTED_PAIN_VERSIONS[-1]  # the newest pain.001 sepaxml supports
# Payer IBAN of the defaults: the official example IBAN (Deutsche Kreditbank, used in every
# German IBAN explanation) — clearly not the city's account; SEPA files are refused while it is set.
# letters NFKD does not reduce to a base letter, and the German rules (before NFKD: ä → ae, not a)
_TRANSLIT = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS", "ı": "i", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th",
    "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "&": "+"})
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")
_REASONS = (
    (sx.InvalidChecksumDigits, "Prüfziffer falsch"),
    (sx.InvalidLength, "Länge falsch"),
    (sx.InvalidCountryCode, "Länderkennung unbekannt"),
    (sx.InvalidBBANChecksum, "Prüfziffer der Kontonummer falsch"),
    (sx.InvalidStructure, "Aufbau ungültig"),
)


class SepaIbanError(ReportError):
    """The SEPA file was refused because of missing or invalid IBANs; ``problems`` names each carer."""


def sepa_text(text: str, limit: int) -> str:
    """The text in the SEPA character set (module doc), spaces collapsed, cut to `limit`."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_TRANSLIT))
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_SEPA.sub("", base.translate(_TRANSLIT)).split())[:limit]


def payee_name(carer) -> str:
    return sepa_text(f"{carer.vorname} {carer.name}", 70)


def iban_problem(iban: str | None) -> str | None:
    """None if the IBAN can be paid to, else the German reason."""
    if not (iban or "").strip():
        return "IBAN fehlt"
    try:
        parsed = IBAN(iban)
    except sx.SchwiftyException as error:
        for kind, reason in _REASONS:
            if isinstance(error, kind):
                return reason
        return "ungültig"
    if not parsed.in_sepa_zone:
        return f"Land {parsed.country_code} nicht im SEPA-Raum"
    return None


def bic_problem(bic: str | None) -> str | None:
    if not (bic or "").strip():
        return None
    try:
        BIC(bic)
    except sx.SchwiftyException:
        return "BIC ungültig"
    return None


def check_ibans(report: PayoutReport) -> list[str]:
    """One German line per payee whose IBAN (or optional BIC) cannot be used or whose name has
    no character in the SEPA set; empty = all fine."""
    problems = []
    for payment in report.payments:
        carer = payment.carer
        if not payee_name(carer):
            problems.append(f"TPP-Nr. {carer.nr} ({carer.name}, {carer.vorname}): Name enthält keine im "
                            "SEPA-Zeichensatz darstellbaren Zeichen – bitte eine lateinische Schreibweise erfassen")
        if carer.iban_hidden:
            problems.append(f"TPP-Nr. {carer.nr} ({carer.name}, {carer.vorname}): IBAN ausgeblendet "
                            "(keine Berechtigung, Bankverbindungen einzusehen)")
            continue
        for reason in (iban_problem(carer.iban), bic_problem(carer.bic)):
            if reason:
                shown = f" „{carer.iban.strip()}“" if carer.iban and carer.iban.strip() and "IBAN" not in reason else ""
                problems.append(f"TPP-Nr. {carer.nr} ({carer.name}, {carer.vorname}){shown}: {reason}")
    return problems


def end_to_end_id(run_number: str, carer_nr: str) -> str:
    """Max. 35 characters of the SEPA set: 'KTP-2026-04-1-1003' (the full purpose is the remittance)."""
    run = re.sub(r"[^A-Za-z0-9]+", "-", run_number).strip("-")
    nr = re.sub(r"[^A-Za-z0-9]+", "", carer_nr)
    return f"KTP-{run}-{nr}"[:35]


def cents(amount) -> int:
    """Decimal euros → int cents; refuses fractions of a cent."""
    scaled = amount.scaleb(2)
    whole = scaled.to_integral_value()
    if scaled != whole:
        raise ReportError(f"Betrag {amount} hat mehr als zwei Nachkommastellen.")
    return int(whole)


def payer_problems(payer: SepaPayer) -> list[str]:
    """German lines on what keeps the payer account from being used; empty = usable."""
    problems = [f"Auftraggeber-IBAN: {r}" for r in [iban_problem(payer.iban)] if r]
    if not problems and IBAN(payer.iban).compact == EXAMPLE_PAYER_IBAN:
        problems.append(f"Auftraggeber-IBAN {EXAMPLE_PAYER_IBAN} ist das Beispielkonto der Vorgaben, nicht das "
                        "Konto der Stadtkasse")
    problems += [f"Auftraggeber-BIC: {r}" for r in [bic_problem(payer.bic)] if r]
    if not sepa_text(payer.name, 70):
        problems.append("Name des Auftraggebers fehlt")
    return problems


def check_payer(payer: SepaPayer) -> None:
    """Refuse (ReportError) a payer account that is incomplete, invalid or the example one."""
    problems = payer_problems(payer)
    if problems:
        raise ReportError("SEPA-Datei abgelehnt: bitte unter Einstellungen → Zahlungsdaten das Auftraggeberkonto "
                          "der Stadt eintragen (Name, IBAN, BIC).", tuple(problems))


def build_sepa(report: PayoutReport, payer: SepaPayer) -> bytes:
    """The pain.001 XML (validated against the schema) for a finalized run; raises ReportError."""
    info = report.info
    if not info.is_final:
        raise ReportError(f"SEPA-Datei nur für abgeschlossene Läufe: Lauf {info.number} ist ein Entwurf. "
                          "Bitte den Lauf zuerst abschließen.")
    version = payer.pain_version or DEFAULT_PAIN_VERSION
    if version not in SUPPORTED_PAIN_VERSIONS:
        raise ReportError(f"SEPA-Version „{version}“ wird nicht unterstützt "
                          f"(möglich: {', '.join(SUPPORTED_PAIN_VERSIONS)}).")
    check_payer(payer)
    payments = report.payments
    if not payments:
        raise ReportError(f"Lauf {info.number} enthält keine Zahlungen – keine SEPA-Datei erstellt.")
    problems = check_ibans(report)
    if problems:
        raise SepaIbanError(f"SEPA-Datei abgelehnt: {len(problems)} Zahlung(en) ohne gültige Bankverbindung. "
                            "Es wurde keine Datei geschrieben; bitte die Stammdaten korrigieren.", tuple(problems))

    config = {"name": sepa_text(payer.name, 70), "IBAN": IBAN(payer.iban).compact, "batch": True, "currency": "EUR"}
    if payer.bic:
        config["BIC"] = str(BIC(payer.bic))
    transfer = SepaTransfer(config, schema=version, clean=True)
    purpose = info.purpose
    for payment in payments:
        carer = payment.carer
        item = {
            "name": payee_name(carer),
            "IBAN": IBAN(carer.iban).compact,
            "amount": cents(payment.amount),
            "execution_date": payer.execution_date,
            "description": sepa_text(purpose, 140),
            "endtoend_id": end_to_end_id(info.number, carer.nr),
        }
        if carer.bic:
            item["BIC"] = str(BIC(carer.bic))
        transfer.add_payment(item)
    try:
        return transfer.export(validate=True)
    except ValidationError as error:
        raise ReportError(f"SEPA-Datei für Lauf {info.number} entspricht nicht dem Schema {version} "
                          f"(Ausführung {day(payer.execution_date)}): {error.__cause__}") from error


def write_sepa(report: PayoutReport, payer: SepaPayer, path: str | Path) -> Path:
    """Write the pain.001 file atomically; nothing is written when the file is refused."""
    xml = build_sepa(report, payer)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".kitadesk-", suffix=".xml.part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(xml)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
