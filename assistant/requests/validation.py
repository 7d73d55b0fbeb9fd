"""Validation of a submitted request (第二十九条), with a Chinese message per field (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

from assistant.requests import messages as msg
from assistant.requests.deadlines import received_date
from assistant.requests.errors import InvalidApplication
from assistant.requests.vocabulary import (
    APPLICANT_TYPES,
    NATURAL_PERSON,
    Channel,
    Delivery,
    Form,
)

MAX_NAME = 100
MAX_CONTENT = 5000
MAX_ADDRESS = 300

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area code 0xx or 0xxx, 7–8 digit number, optional extension: 0952-6013731, 010-12345678-123.
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

_ID_CARD = re.compile(r"\d{17}[\dX]")

# Longest raw value of each text field, checked before anything else reads it (a form
# posted by a script is not bound by the browser's limits). Attribute → (field name, cap).
_RAW_LIMITS: dict[str, tuple[str, int]] = {
    "agency": (msg.FIELD_AGENCY, MAX_NAME),
    "applicant_type": (msg.FIELD_APPLICANT_TYPE, 20),
    "applicant_name": (msg.FIELD_NAME, MAX_NAME),
    "id_number": (msg.FIELD_ID, 32),
    "phone": (msg.FIELD_PHONE, 32),
    "address": (msg.FIELD_ADDRESS, MAX_ADDRESS),
    "email": (msg.FIELD_EMAIL, 200),
    "content": (msg.FIELD_CONTENT, MAX_CONTENT),
    "channel": (msg.FIELD_CHANNEL, 20),
    "form": (msg.FIELD_FORM, 20),
    "delivery": (msg.FIELD_DELIVERY, 20),
}
# Fields whose text may span lines; everywhere else a line break is a control character.
_MULTILINE = {"content", "address"}
# Explicit direction marks, embeddings, overrides and isolates: they make a stored value
# display differently from what it is (U+202E turns "txt.exe" around).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Application:
    """A request as submitted through the form, the chat or at the counter.

    The channel decides which date is the received date (第三十一条): `submitted_on` for
    当面, `signed_on` (or `confirmed_on` for ordinary letters) for 邮寄, `confirmed_on`
    for 网络/传真. Personal fields are kept out of repr so they never reach a log.
    """

    agency: str
    applicant_type: str
    applicant_name: str = field(repr=False)
    id_number: str = field(repr=False)
    phone: str = field(repr=False)
    content: str
    channel: str
    form: str
    delivery: str
    address: str = field(default="", repr=False)
    email: str = field(default="", repr=False)
    submitted_on: date | None = None
    signed_on: date | None = None
    confirmed_on: date | None = None


@dataclass(frozen=True)
class ValidApplication:
    """A validated, normalised application ready to be registered."""

    agency: str
    applicant_type: str
    applicant_name: str = field(repr=False)
    id_number: str = field(repr=False)
    phone: str = field(repr=False)
    address: str = field(repr=False)
    email: str = field(repr=False)
    content: str
    channel: Channel
    form: Form
    delivery: Delivery
    received_date: date


def is_valid_id_card(number: str) -> str | None:
    """None when `number` is a valid 18-digit 居民身份证号码 (python-stdnum `cn.ric`), else
    the reason. The birth date is checked first so a 30 February is named as such."""
    if not _ID_CARD.fullmatch(number):
        return msg.ID_CARD_FORMAT
    try:
        ric.get_birth_date(number)
    except InvalidComponent:
        return msg.ID_CARD_BIRTH
    try:
        ric.validate(number)
    except InvalidChecksum:
        return msg.ID_CARD_CHECKSUM
    except InvalidComponent:
        # Only the birth place is left: stdnum refuses a county code created after the
        # birth year, but numbers were issued decades after birth, with the county of
        # that day, so real numbers of older applicants would be refused.
        return None
    except ValidationError:
        return msg.ID_CARD_FORMAT
    return None


def is_valid_credit_code(code: str) -> str | None:
    """None when `code` is a valid 18-character 统一社会信用代码 (python-stdnum `cn.uscc`,
    GB 32100-2015), else the reason."""
    try:
        uscc.validate(code)
    except InvalidChecksum:
        return msg.CREDIT_CODE_CHECKSUM
    except ValidationError:
        return msg.CREDIT_CODE_FORMAT
    return None


def has_forbidden_characters(value: str, *, multiline: bool = False) -> bool:
    """True when `value` holds a control character (NUL included; line breaks and tabs
    only when not `multiline`) or a bidirectional-text control."""
    allowed = "\n\r\t" if multiline else ""
    return any(
        (unicodedata.category(ch) == "Cc" and ch not in allowed) or ch in _BIDI for ch in value
    )


def raw_problems(app: Application) -> dict[str, str]:
    """Values that are not text, too long, or hold forbidden characters, by field name:
    checked before any other parsing, so their cost is one pass over a bounded value."""
    problems: dict[str, str] = {}
    for attr in (f.name for f in fields(app)):
        if attr not in _RAW_LIMITS:
            continue
        name, limit = _RAW_LIMITS[attr]
        value = getattr(app, attr)
        if not isinstance(value, str):
            problems[name] = msg.NOT_TEXT
        elif len(value) > limit:
            problems[name] = msg.TOO_LONG.format(limit=limit)
        elif has_forbidden_characters(value, multiline=attr in _MULTILINE):
            problems[name] = msg.FORBIDDEN_CHARACTERS
    return problems


def is_valid_phone(phone: str) -> bool:
    return bool(_MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone))


def normalise_content(text: str) -> str:
    """Whitespace-free form of a request's content, for duplicate detection: Chinese text
    has no spaces between words, so any whitespace in it is only layout."""
    return "".join(text.split())


def check_choice(
    value: str, choices: Sequence[str], name: str, problems: dict[str, str]
) -> str | None:
    """`value` when it is one of `choices`; otherwise None, with the reason under `name`."""
    if not value:
        problems[name] = msg.REQUIRED
        return None
    if value not in choices:
        problems[name] = msg.NOT_ONE_OF.format(value=value, choices="、".join(choices))
        return None
    return value


def _text(value: str, name: str, limit: int, problems: dict[str, str]) -> None:
    if not value:
        problems[name] = msg.REQUIRED
    elif len(value) > limit:
        problems[name] = msg.TOO_LONG.format(limit=limit)


def validate_application(app: Application) -> ValidApplication:
    """Check every field at once; raise InvalidApplication listing each bad field."""
    problems = raw_problems(app)
    if problems:
        raise InvalidApplication(problems)
    agency = app.agency.strip()
    applicant_type = app.applicant_type.strip()
    name = app.applicant_name.strip()
    id_number = app.id_number.strip().upper()
    phone = re.sub(r"\s", "", app.phone)
    address, email = app.address.strip(), app.email.strip()
    content = app.content.strip()

    _text(agency, msg.FIELD_AGENCY, MAX_NAME, problems)
    known_type = check_choice(applicant_type, APPLICANT_TYPES, msg.FIELD_APPLICANT_TYPE, problems)
    _text(name, msg.FIELD_NAME, MAX_NAME, problems)

    # A person proves identity with a 居民身份证, an organisation with its credit code;
    # with an unknown type only presence can be checked.
    is_person = known_type == NATURAL_PERSON
    id_field = (
        msg.FIELD_ID_CARD if is_person else msg.FIELD_CREDIT_CODE if known_type else msg.FIELD_ID
    )
    if not id_number:
        problems[id_field] = msg.REQUIRED
    elif known_type and (
        reason := (is_valid_id_card if is_person else is_valid_credit_code)(id_number)
    ):
        problems[id_field] = reason

    if not phone:
        problems[msg.FIELD_PHONE] = msg.REQUIRED
    elif not is_valid_phone(phone):
        problems[msg.FIELD_PHONE] = msg.PHONE_FORMAT

    if not content:
        problems[msg.FIELD_CONTENT] = f"{msg.REQUIRED}，{msg.CONTENT_HINT}"
    elif len(content) > MAX_CONTENT:
        problems[msg.FIELD_CONTENT] = msg.TOO_LONG.format(limit=MAX_CONTENT)

    form = check_choice(app.form.strip(), tuple(Form), msg.FIELD_FORM, problems)
    delivery = check_choice(app.delivery.strip(), tuple(Delivery), msg.FIELD_DELIVERY, problems)
    if delivery == Delivery.POST and not address:
        problems[msg.FIELD_ADDRESS] = msg.ADDRESS_FOR_POST
    elif len(address) > MAX_ADDRESS:
        problems[msg.FIELD_ADDRESS] = msg.TOO_LONG.format(limit=MAX_ADDRESS)
    if delivery == Delivery.EMAIL and not email:
        problems[msg.FIELD_EMAIL] = msg.EMAIL_FOR_DELIVERY
    elif email and not _EMAIL.fullmatch(email):
        problems[msg.FIELD_EMAIL] = msg.EMAIL_FORMAT
    if form == Form.PAPER and delivery == Delivery.EMAIL:
        problems[msg.FIELD_DELIVERY] = msg.PAPER_BY_EMAIL

    channel = check_choice(app.channel.strip(), tuple(Channel), msg.FIELD_CHANNEL, problems)
    received: date | None = None
    if channel is not None:
        try:
            received = received_date(
                Channel(channel),
                submitted_on=app.submitted_on,
                signed_on=app.signed_on,
                confirmed_on=app.confirmed_on,
            )
        except ValueError as exc:
            problems[msg.FIELD_RECEIVED] = str(exc)

    if problems:
        raise InvalidApplication(problems)
    assert channel and form and delivery and received  # guaranteed when no problems
    return ValidApplication(
        agency=agency,
        applicant_type=applicant_type,
        applicant_name=name,
        id_number=id_number,
        phone=phone,
        address=address,
        email=email,
        content=content,
        channel=Channel(channel),
        form=Form(form),
        delivery=Delivery(delivery),
        received_date=received,
    )
