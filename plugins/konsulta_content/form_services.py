"""Prefilled addresses on the form services public bodies use, from a preset in the settings.

A site names its service and that service's own ids instead of writing an address by hand:

    KONSULTA["comment_form"] = {"service": "formbricks", "host": "app.formbricks.com",
                                "survey_id": "clin3dxja02k8l80hpwmx4bjy",
                                "fields": {"slug": "doc", "section": "section"}}

``fields`` maps what Konsulta fills in (the placeholders of the setting, such as slug and section) to
the name the service reads it under (a hidden field, a question code, a URL parameter). The preset
becomes the same kind of address template a site may write itself
("https://app.formbricks.com/s/clin3dx…?doc={slug}&section={section}"), which then goes through the
same safety check as a written one (konsulta_consultations.comments.check_template: https only, an
allowed host, nothing in the address that browsers read differently). Every id is checked against the
shape the service gives it here, so no id can move a value into the host or path, add a parameter,
or open a placeholder. How each service takes the values, with sources: docs/form-services.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")
PATH = re.compile(r"^(?:/[A-Za-z0-9._~-]+)*$")  # a folder an installation lives under, e.g. /limesurvey


class PresetError(ValueError):
    pass


@dataclass(frozen=True)
class Service:
    """One service: the ids a preset gives, how they make the form's address, and how values are passed."""

    name: str
    label: str
    ids: dict  # id -> (pattern, what it is, e.g. "the survey's id, digits such as 123456")
    address: str  # the form's address, from host, path and the ids: "https://{host}{path}/s/{survey_id}"
    field: tuple  # (pattern of a field name, what it is, how a field name is written in the address)
    fixed: tuple = ()  # parameters every address carries first, e.g. (("newtest", "Y"),)
    separator: str = "?"  # "?" for the query; Typeform reads hidden fields after "#"
    default_host: str | None = None
    default_path: str = ""


SERVICES = {service.name: service for service in (
    Service("limesurvey", "LimeSurvey",
            {"survey_id": (r"[0-9]{1,12}", "the survey's id, digits such as 123456")},
            "https://{host}{path}/index.php?r=survey/index&sid={survey_id}",
            (r"[A-Za-z][A-Za-z0-9_]{0,63}|[0-9]+X[0-9]+X[0-9]+[A-Za-z0-9_]*",
             "a URL parameter of the survey's panel integration (e.g. doc) or a question's SGQA code "
             "(e.g. 123456X1X2)", "{name}"),
            fixed=(("newtest", "Y"),)),
    Service("kobotoolbox", "KoboToolbox / Enketo",
            {"form_id": (r"[A-Za-z0-9]{4,64}", "the Enketo id of the form, as in https://ee.kobotoolbox.org/x/hEkHk50v")},
            "https://{host}{path}/x/{form_id}",
            (r"(?:/[A-Za-z_][A-Za-z0-9_.-]*){2,8}",
             "the XPath of a hidden or calculate field, e.g. /data/doc", "d[{name}]"),
            default_host="ee.kobotoolbox.org"),
    Service("formbricks", "Formbricks",
            {"survey_id": (r"[a-z0-9]{8,40}", "the survey's id, as in https://app.formbricks.com/s/clin3dxja02k8l80hpwmx4bjy")},
            "https://{host}{path}/s/{survey_id}",
            (r"[A-Za-z][A-Za-z0-9_-]{0,63}", "a hidden field's id, e.g. doc", "{name}"),
            default_host="app.formbricks.com"),
    Service("eusurvey", "EUSurvey",
            {"alias": (r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}", "the survey's alias, as in …/eusurvey/runner/ALIAS")},
            "https://{host}{path}/runner/{alias}",
            (r"[A-Za-z][A-Za-z0-9_-]{0,99}", "a hidden question's identifier (alias)", "{name}"),
            default_host="ec.europa.eu", default_path="/eusurvey"),
    Service("typeform", "Typeform",
            {"form_id": (r"[A-Za-z0-9]{4,32}", "the form's id, as in https://form.typeform.com/to/Myg4qNJA")},
            "https://{host}{path}/to/{form_id}",
            (r"[a-z][a-z0-9_]{0,63}", "a hidden field's name, lower case, e.g. doc", "{name}"),
            separator="#", default_host="form.typeform.com"),
    Service("google_forms", "Google Forms",
            {"form_id": (r"[A-Za-z0-9_-]{10,100}", "the id in the form's address, …/forms/d/e/ID/viewform")},
            "https://{host}{path}/forms/d/e/{form_id}/viewform",
            (r"entry\.[0-9]{1,15}", "a question's entry id from its pre-filled link, e.g. entry.123456789",
             "{name}"),
            fixed=(("usp", "pp_url"),), default_host="docs.google.com"),
    Service("microsoft_forms", "Microsoft Forms",
            {"form_id": (r"[A-Za-z0-9_-]{10,200}", "the id parameter of the form's address, ResponsePage.aspx?id=ID")},
            "https://{host}{path}/Pages/ResponsePage.aspx?id={form_id}",
            (r"r[A-Za-z0-9]{1,64}", "a question's id from the form's pre-filled link, e.g. rf840", "{name}"),
            default_host="forms.office.com"),
)}
ALIASES = {"enketo": "kobotoolbox", "odk": "kobotoolbox", "google-forms": "google_forms",
           "microsoft-forms": "microsoft_forms", "ms_forms": "microsoft_forms"}
COMMON_KEYS = ("service", "host", "path", "fields")


def service_named(name) -> Service:
    if not isinstance(name, str) or ALIASES.get(name, name) not in SERVICES:
        raise PresetError(f"'service' is {name!r}: give one of {', '.join(SERVICES)}, "
                          "or write the form's address as text with placeholders")
    return SERVICES[ALIASES.get(name, name)]


def preset_template(preset: dict, placeholders: tuple[str, ...]) -> str:
    """The address template a preset stands for, with a {placeholder} per field; PresetError if the
    preset is incomplete or an id does not have the service's shape."""
    if not isinstance(preset, dict):
        raise PresetError("give the form's address as text, or a preset such as "
                          "{'service': 'formbricks', 'survey_id': '…', 'fields': {'slug': 'doc'}}")
    service = service_named(preset.get("service"))
    unknown = sorted(set(preset) - set(COMMON_KEYS) - set(service.ids), key=str)
    if unknown:
        raise PresetError(f"{service.label} presets take {', '.join(repr(k) for k in (*COMMON_KEYS, *service.ids))}; "
                          f"{unknown[0]!r} is not one of them")
    host = preset.get("host", service.default_host)
    if not isinstance(host, str) or not HOST.match(host):
        raise PresetError(f"'host' is {host!r}: give the host name of the {service.label} installation, "
                          "e.g. 'forms.example.org' (no https://, no path)")
    path = preset.get("path", service.default_path)
    if not isinstance(path, str) or not PATH.match(path):
        raise PresetError(f"'path' is {path!r}: give the folder the installation lives under, such as "
                          "'/survey', or leave it out")
    ids = {}
    for name, (pattern, what) in service.ids.items():
        value = preset.get(name)
        value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise PresetError(f"{name!r} is {value!r}: give {what}")
        ids[name] = value
    parameters = [f"{key}={value}" for key, value in service.fixed]
    for placeholder, field in _fields(preset.get("fields"), service, placeholders):
        parameters.append(f"{service.field[2].format(name=field)}={{{placeholder}}}")
    address = service.address.format(host=host, path=path, **ids)
    joiner = "&" if service.separator == "?" and "?" in address else service.separator
    return address + joiner + "&".join(parameters)


def _fields(fields, service: Service, placeholders: tuple[str, ...]) -> list[tuple[str, str]]:
    pattern, what, _ = service.field
    if not isinstance(fields, dict) or not fields:
        raise PresetError(f"'fields' names the {service.label} field for each value, e.g. "
                          f"{{{placeholders[0]!r}: 'doc'}}; values: {', '.join(placeholders)}")
    found, seen = [], set()
    for placeholder, field in fields.items():
        if placeholder not in placeholders:
            raise PresetError(f"'fields' has {placeholder!r}: the values are {', '.join(placeholders)}")
        if not isinstance(field, str) or not re.fullmatch(pattern, field):
            raise PresetError(f"'fields' gives {field!r} for {placeholder!r}: give {what}")
        if field in seen:
            raise PresetError(f"'fields' gives {field!r} twice: each value needs its own field")
        seen.add(field)
        found.append((placeholder, field))
    return found
