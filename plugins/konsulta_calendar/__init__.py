"""Konsulta calendar: consultation dates as iCalendar files, one for the whole site, one per draft,
and per language one per issuing body and per topic.
What it is: plugin.py."""


from jinja2 import pass_context


def add_template_globals(generator):
    from . import urls

    env = getattr(generator, "env", None)
    if env is None:
        return
    env.globals.update(calendar_url=urls.calendar_url, consultations_calendar_url=urls.consultations_calendar_url,
                       follow_calendar=follow_calendar)


@pass_context
def follow_calendar(context):
    """(scope, address) of the calendar a page offers to follow, or None: a draft's own dates, or a body's
    or a topic's consultations. (The consultations pages offer every consultation's: they say so.)"""
    from . import urls
    from .events import event_days

    site, lang = context.get("site"), context.get("page_lang")
    if site is None or not lang:
        return None
    article = context.get("article")
    doc = getattr(article, "doc", None) if article is not None else None
    if doc is not None:
        if event_days(doc):
            return ("draft", urls.calendar_url(article))
        if doc.type == "body" and doc.slug in site.bodies_with_documents_any():
            return ("body", urls.body_calendar_url(lang, doc.slug))
        return None
    kind, key = context.get("listing_kind"), context.get("listing_key")
    if kind == "body":
        return ("body", urls.body_calendar_url(lang, key))
    if kind == "topic":
        return ("topic", urls.topic_calendar_url(lang, site.topic_slug(key)))
    return None


def get_generators(pelican):
    from .generator import CalendarGenerator

    return CalendarGenerator


def register():
    from pelican import signals

    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
