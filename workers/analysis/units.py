"""Units of measure and currencies as news prose writes them: which word is a unit, of what dimension, and its
size in the dimension's base unit (metre, kilogram, metre per second, square metre, year of age; money is
compared only within one currency, so its "base" is the currency itself).

Why a table and not a units library (pint was considered): news measures come in a few dozen spellings, and a
general parser reads prose words as units ("in" as inch, "t" as tonne, "m" as metre or minute, "a" as annum);
a fixed table of the spellings reporters use keeps prose out. Ambiguous words stay out: "ton" (short, long or
metric), bare "m".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One unit: canonical name, dimension ("length", "mass", "speed", "area", "money:<currency name>") and its
    size in the dimension's base unit (1 for money). "money:dollar" is any dollar: "$" does not say which."""

    name: str
    dimension: str
    per_unit: float


def _table() -> dict[str, Unit]:
    rows: list[tuple[str, str, float, str]] = [
        # spellings (space-separated), canonical name, size in base unit, dimension
        ("mm millimetre millimetres millimeter millimeters", "millimetre", 0.001, "length"),
        ("cm centimetre centimetres centimeter centimeters", "centimetre", 0.01, "length"),
        ("metre metres meter meters", "metre", 1.0, "length"),
        ("km kms kilometre kilometres kilometer kilometers", "kilometre", 1000.0, "length"),
        ("inch inches", "inch", 0.0254, "length"),
        ("ft foot feet", "foot", 0.3048, "length"),
        ("yard yards yd yds", "yard", 0.9144, "length"),
        ("mile miles mi", "mile", 1609.344, "length"),
        ("g gram grams gramme grammes", "gram", 0.001, "mass"),
        ("kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes", "kilogram", 1.0, "mass"),
        ("tonne tonnes", "tonne", 1000.0, "mass"),
        ("lb lbs pound pounds", "pound", 0.45359237, "mass"),
        ("oz ounce ounces", "ounce", 0.028349523125, "mass"),
        ("mph", "mile per hour", 0.44704, "speed"),
        ("kph km/h kmh", "kilometre per hour", 1 / 3.6, "speed"),
        ("knot knots", "knot", 1852 / 3600, "speed"),
        ("acre acres", "acre", 4046.8564224, "area"),
        ("hectare hectares ha", "hectare", 10_000.0, "area"),
        ("dollar dollars usd", "dollar", 1.0, "money:dollar"),
        ("euro euros eur", "euro", 1.0, "money:euro"),
        ("yuan renminbi rmb", "yuan", 1.0, "money:yuan"),
        ("yen", "yen", 1.0, "money:yen"),
        ("rupee rupees", "rupee", 1.0, "money:rupee"),
        ("rouble roubles ruble rubles", "rouble", 1.0, "money:rouble"),
    ]
    table: dict[str, Unit] = {}
    for spellings, name, size, dimension in rows:
        for spelling in spellings.split():
            table[spelling] = Unit(name, dimension, size)
    return table


UNIT_WORDS = _table()
# Currency signs written before the number ("$6,000", "£5m"); "pound" after a number is a mass unless the
# entity recogniser calls the phrase MONEY (then it is sterling).
CURRENCY_SIGNS = {
    "$": Unit("dollar", "money:dollar", 1.0),
    "us$": Unit("dollar", "money:dollar", 1.0),
    "£": Unit("pound sterling", "money:sterling", 1.0),
    "€": Unit("euro", "money:euro", 1.0),
}  # "¥" is left out: it writes both yen and yuan
# Suffixes glued to an amount after a currency sign ("£5m", "$2.5bn", "$300k").
CURRENCY_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
STERLING = Unit("pound sterling", "money:sterling", 1.0)


# Ages: "a 4-year-old boy", "the gorilla was 17 years old", "an 18-month-old girl" (numbers.py reads the
# pattern); the base unit is the year. An age is a whole number of units: a "4-year-old" is 4 to not quite 5.
AGE = "age"  # the dimension of ages: numbers._age reads them, the comparison lets them agree, never clash
AGE_UNITS = {
    "year": Unit("year", AGE, 1.0), "years": Unit("year", AGE, 1.0),
    "month": Unit("month", AGE, 1 / 12), "months": Unit("month", AGE, 1 / 12),
    "week": Unit("week", AGE, 7 / 365.25), "weeks": Unit("week", AGE, 7 / 365.25),
    "day": Unit("day", AGE, 1 / 365.25), "days": Unit("day", AGE, 1 / 365.25),
}


def unit_after(word: str) -> Unit | None:
    """The unit a word written after a number names ("feet", "kg", "mph"), or None. A one-letter unit counts
    only in lower case: "5G" is a network generation, "5 g" five grams."""
    word = word.rstrip(".")
    if len(word) == 1 and not word.islower():
        return None
    return UNIT_WORDS.get(word.lower())


def currency_sign(word: str) -> Unit | None:
    """The currency a sign written before a number names ("$", "US$", "£", "€"), or None."""
    return CURRENCY_SIGNS.get(word.lower())
