"""What konsulta_consultations is (konsulta_content.plugins), and the KONSULTA settings it reads
(konsulta_content.declare)."""

import re

from konsulta_content.declare import Custom, Invalid, OptionalText, Setting, TextList, Whole
from konsulta_content.form_services import SERVICES, PresetError, preset_template
from konsulta_content.plugins import Need, Plugin, Step, for_site, on_documents

from .urls import CONSULTATIONS_PATH

# What a comment link carries, and what a "register your interest" link carries (interest.py).
COMMENT_PLACEHOLDERS = ("slug", "lang", "title", "section", "version")
INTEREST_PLACEHOLDERS = ("body", "year", "item", "lang")

# An address a mailto: link can carry as it is: no quotes, spaces or markup, and none of ? # % & which would
# start headers (?cc=, &body=), a fragment or an escape in the link.
EMAIL = re.compile(r"[A-Za-z0-9.!$'*+/=^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")


def _email(value, basics):
    if value is None:
        return None
    if not isinstance(value, str) or not EMAIL.fullmatch(value):  # fullmatch: "$" would let a newline through
        raise Invalid(f"{value!r} is not an e-mail address such as 'consultation@example.org'")
    return value


def _form(placeholders):
    """A form address: text with placeholders, or a form service preset, cleaned to text (the address
    template the preset stands for). The host is checked against comment_hosts when the build starts."""

    def check(value, basics):
        if value is None or isinstance(value, str):
            return value
        try:
            return preset_template(value, placeholders)
        except PresetError as error:
            raise Invalid(str(error)) from None

    return check


_FORM_TYPE = "text, a form service preset or `None`"
_SERVICES = ", ".join(f"`{name}`" for name in SERVICES)

KONSULTA_SETTINGS = (
    Setting("now", OptionalText(type_doc="ISO date-time text or `None`"), None,
            "Freezes \"now\" for consultation statuses (tests, reproducible builds). `None` is the clock. The "
            "environment variable `KONSULTA_NOW` wins over this setting. Without an offset the site's "
            "`TIMEZONE` is meant: `2026-12-15T10:30:00`. See [consultation statuses](#consultation-statuses-and-now)."),
    Setting("min_consultation_days", Whole("give a whole number of days, e.g. 20"), 20,
            "A consultation shorter than this (opening and closing days included) is a build warning that "
            "names the draft."),
    Setting("outcome_due_days", Whole("give a whole number of days, e.g. 60"), 60,
            "An outcome is due this many days after its consultation closes. A closed draft past that day "
            "without an outcome is shown as overdue on its page and in the per-body overview."),
    Setting("comment_form", Custom(_form(COMMENT_PLACEHOLDERS), _FORM_TYPE), None,
            "Address of the external comment form, with placeholders `{slug}`, `{lang}`, `{title}`, "
            "`{section}` (a heading id, empty for the draft as a whole) and `{version}` (the `modified` date, "
            "else `date`); each value is URL-encoded. Or a preset for a form service: `{\"service\": NAME, "
            "...the service's ids..., \"fields\": {\"slug\": \"doc\", \"section\": \"section\"}}`, where "
            f"NAME is one of {_SERVICES} ([form services](form-services.md) has each one's set-up). "
            "A draft's `consultation.form` overrides it with an address with the same "
            "placeholders. Without `{section}`, drafts get one comment link, not one per section. It must be "
            "`https://` on one of `comment_hosts`."),
    Setting("comment_hosts", TextList("give a list of host names, e.g. ['forms.example.org']",
                                      type_doc="list of host names", non_empty=True), (),
            "The only hosts a comment form may be on. Any form address that is not `https://` on one of these "
            "hosts is a build error."),
    Setting("interest_form", Custom(_form(INTEREST_PLACEHOLDERS), _FORM_TYPE), None,
            "Address of the form where people register their interest in being consulted, offered on each "
            "issuing body's page and with each entry of a consultation plan. Placeholders: `{body}` (the "
            "body's slug), `{year}` and `{item}` (a plan entry's year and title in the site's default "
            "language; empty on a body's page) and `{lang}`. Text or a form service preset, as "
            "`comment_form`, on one of `comment_hosts`. `None` offers no link."),
    Setting("comment_email", Custom(_email, type_doc="e-mail address or `None`"), None,
            "An address offered on open drafts to people who cannot use the form."),
)

PLUGIN = Plugin(
    "konsulta_consultations",
    "Where each draft's consultation stands (upcoming, open, closed, concluded) from its dates and its "
    "outcome, the comment form's links while it is open, and pages of consultations by status with a "
    "per-body overview.",
    needs=(Need("konsulta_content", "site"), Need("konsulta_i18n")),
    provides=(
        on_documents("consultation", "a draft's Consultation (lifecycle.py): opening and closing moments, "
                                     "status, outcome, the moments its status changes"),
        on_documents("comment_links", "a draft's CommentLinks: the comment form for the draft and each section, "
                                      "or None without a form"),
        for_site("consultations", "the ConsultationIndex: every draft with a consultation, by language and status"),
        for_site("build_now", "the moment statuses are counted from (KONSULTA['now'] or the clock), aware, in "
                              "the site's time zone: one for the whole build"),
    ),
    steps=(Step("konsulta_consultations.steps:attach_consultations",
                provides=("consultation", "comment_links", "consultations", "build_now"), checks=True),),
    writes=(f"{{lang}}/{CONSULTATIONS_PATH}/",),
    reports="comment form addresses that are not https on an allowed host (KONSULTA['comment_form'], "
            "a draft's consultation.form); as warnings, consultations shorter than the minimum and consultations "
            "that closed before their draft was published",
    settings=KONSULTA_SETTINGS,
)
