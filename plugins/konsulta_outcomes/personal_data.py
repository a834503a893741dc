"""Personal data in a response's published text: e-mail addresses, phone numbers, national identity
numbers whose check digits are right, and IBANs.

Each finding is shown masked (the problem lines reach build logs, which may be public). Numbers are
only reported when their checksum holds, so a law's number or a date is not taken for a person's
identity number. Phone numbers are recognised by libphonenumber (the phonenumbers package) as valid
numbers of one of the site's regions, or of any region when written in international format (+…).
Albanian and Kosovan personal numbers are not checked: no checksum for them is published by their
issuers, and a pattern alone would flag every reference number of that shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
ELEVEN_DIGITS = re.compile(r"(?<![\d])[1-9]\d{10}(?![\d])")
THIRTEEN_DIGITS = re.compile(r"(?<![\d])[1-9]\d{12}(?![\d])")
IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,40}")
CNP_WEIGHTS = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)


@dataclass(frozen=True)
class Finding:
    kind: str  # "an e-mail address", ...
    start: int
    end: int
    text: str

    @property
    def masked(self) -> str:
        """Enough to find it in the text, not enough to copy it from a log."""
        compact = self.text.strip()
        return compact[:2] + "…" + compact[-2:] if len(compact) > 6 else "…"


def is_turkish_identity_number(digits: str) -> bool:
    """T.C. Kimlik No: 11 digits, the first not 0; the 10th is (7 × the sum of the odd places − the sum
    of the even places among the first nine) mod 10, the 11th the sum of the first ten mod 10."""
    if len(digits) != 11 or not digits.isdigit() or digits[0] == "0":
        return False
    d = [int(c) for c in digits]
    return (7 * sum(d[0:9:2]) - sum(d[1:8:2])) % 10 == d[9] and sum(d[:10]) % 10 == d[10]


def is_romanian_cnp(digits: str) -> bool:
    """Cod Numeric Personal: 13 digits; the 13th is the sum of the first twelve weighted by 279146358279,
    mod 11 (10 counts as 1). The first digit (sex and century) is 1 to 9, and the birth date must exist."""
    if len(digits) != 13 or not digits.isdigit() or digits[0] == "0":
        return False
    month, day = int(digits[3:5]), int(digits[5:7])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    remainder = sum(int(c) * w for c, w in zip(digits, CNP_WEIGHTS)) % 11
    return (1 if remainder == 10 else remainder) == int(digits[12])


def is_iban(candidate: str) -> bool:
    """ISO 13616: the first four characters moved to the end, letters as 10 to 35, mod 97 is 1."""
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", compact):
        return False
    return int("".join(str(int(c, 36)) for c in compact[4:] + compact[:4])) % 97 == 1


def _ibans(text: str):
    position = 0
    while (match := IBAN_START.search(text, position)) is not None:
        candidate, position = match.group(), match.start() + 1
        # The pattern may run on into the next words: keep the longest start that is an IBAN.
        for end in range(len(candidate), 14, -1):
            if candidate[end - 1] != " " and is_iban(candidate[:end]):
                yield Finding("an IBAN", match.start(), match.start() + end, candidate[:end])
                position = match.start() + end
                break


def find_personal_data(text: str, regions) -> list[Finding]:
    """Every finding in ``text``, in order; a number found as an identity number or IBAN is not also
    reported as a phone number."""
    found = [Finding("an e-mail address", m.start(), m.end(), m.group()) for m in EMAIL.finditer(text)]
    found += [Finding("a Turkish identity number (T.C. Kimlik No)", m.start(), m.end(), m.group())
              for m in ELEVEN_DIGITS.finditer(text) if is_turkish_identity_number(m.group())]
    found += [Finding("a Romanian personal numeric code (CNP)", m.start(), m.end(), m.group())
              for m in THIRTEEN_DIGITS.finditer(text) if is_romanian_cnp(m.group())]
    found += list(_ibans(text))
    taken = [(f.start, f.end) for f in found]
    for region in (*regions, None):
        for match in phonenumbers.PhoneNumberMatcher(text, region or "ZZ", leniency=phonenumbers.Leniency.VALID):
            if not any(start < match.end and match.start < end for start, end in taken):
                found.append(Finding("a phone number", match.start, match.end, match.raw_string))
                taken.append((match.start, match.end))
    return sorted(found, key=lambda f: (f.start, f.kind))
