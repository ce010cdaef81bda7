"""Official statistics Kinder- und Jugendhilfestatistik Teil III.3 (R-S1) and the office's own
figures (R-S2): pure functions over plain dataclasses (no Qt, no SQLAlchemy).

Decisions where the spec is silent:
- Active on the date: Beginn ≤ date ≤ Ende (or open). Care starting later is not counted.
- "In Kindertagespflege seit": Beginn of the child's continuous spell including the date;
  the next placement continues the spell if it starts ≤ `CONTINUITY_GAP_DAYS` after the end.
- Several placements of a child on the date (R-C6 forbids it): one child record, hours added,
  days = union of the plans' days, record carer = most hours (then earlier Beginn); each
  carer counts the child.
- Days per week only from the Zeitplan valid on the date (days with a slot); without one the
  field is listed as missing, never guessed from the hours.
- Eingliederungshilfe: the child's explicit field; if empty, "ja" when the LVR grants
  Inklusionshilfe on the date (LVR = Träger der Eingliederungshilfe), else "nein".
  "Besonderer Bedarf" alone (city surcharge, R-G3) is not Eingliederungshilfe.
- Qualification on the date: the recorded one unless `qualifikation_seit` is later, then
  "Basis" (as R-C5). Place of care: the permit valid on the date, else the carer's field.
- Records carry Nr and SRT, no names; names only in the list of missing fields (desk use).

Modules: `inputs` (constants, plain input dataclasses), `official` (R-S1), `office` (R-S2);
every name is re-exported here (`kitadesk.domain.statistics` stays the import path).
"""


from kitadesk.domain.statistics.inputs import (
    AGE_GROUPS,
    CONTINUITY_GAP_DAYS,
    F_GEBURTSJAHR,
    F_GESCHLECHT,
    F_HERKUNFT,
    F_SPRACHE,
    F_TAGE,
    F_TAGE_FEHLER,
    F_VERWANDT,
    GESAMT,
    GESCHLECHT,
    HOUR_BANDS,
    HOUR_BANDS_SHORT,
    HOUR_LIMITS,
    KIND,
    SRT_ORDER,
    TPP,
    VERWANDTSCHAFTEN,
    ZERO,
    StatCarer,
    StatChild,
    StatPermit,
    StatPlacement,
    StatVersion,
)
from kitadesk.domain.statistics.office import (
    COUNT_KEYS,
    MoneyFigures,
    Month,
    PaidLine,
    SrtFigures,
    StockFigures,
    age_group,
    base_position,
    hour_band,
    money_figures,
    month_span,
    srt_order,
    stock_figures,
)
from kitadesk.domain.statistics.official import (
    CarerRecord,
    ChildRecord,
    MissingRecord,
    OfficialStatistics,
    _days_of,
    continuous_since,
    missing_carer_fields,
    missing_child_fields,
    missing_plan_fields,
    nr_key,
    official_statistics,
)

__all__ = ['CONTINUITY_GAP_DAYS', 'VERWANDTSCHAFTEN', 'GESCHLECHT', 'KIND', 'TPP', 'GESAMT', 'SRT_ORDER', 'AGE_GROUPS', 'HOUR_BANDS', 'HOUR_BANDS_SHORT', 'HOUR_LIMITS', 'ZERO', 'F_GESCHLECHT', 'F_HERKUNFT', 'F_SPRACHE', 'F_VERWANDT', 'F_TAGE', 'F_TAGE_FEHLER', 'F_GEBURTSJAHR', 'StatVersion', 'StatPlacement', 'StatChild', 'StatPermit', 'StatCarer', 'ChildRecord', 'CarerRecord', 'MissingRecord', 'OfficialStatistics', 'nr_key', 'continuous_since', '_days_of', 'missing_plan_fields', 'missing_child_fields', 'missing_carer_fields', 'official_statistics', 'COUNT_KEYS', 'SrtFigures', 'StockFigures', 'age_group', 'hour_band', 'srt_order', 'stock_figures', 'Month', 'PaidLine', 'MoneyFigures', 'month_span', 'base_position', 'money_figures']
