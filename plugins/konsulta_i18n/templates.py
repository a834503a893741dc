"""Gettext and the formatting filters in every generator's template environment (on generator_init).

Jinja's gettext and the formatting filters look up the page language from the
template context (``page_lang``, else the article's ``lang``), so no global
locale is switched while pages of different languages are written.
"""

from jinja2 import pass_context
from markupsafe import Markup
from konsulta_content.build import config_of

from . import formatting
from .zones import zone_label
from .catalogues import theme_catalogue


def page_lang(context) -> str:
    lang = context.get("page_lang")
    if lang:
        return lang
    for name in ("article", "page"):
        item = context.get(name)
        if item is not None and getattr(item, "lang", None):
            return item.lang
    return context.get("DEFAULT_LANG", "en")


def install(generator):
    env = getattr(generator, "env", None)
    if env is None or "jinja2.ext.InternationalizationExtension" not in env.extensions:
        return
    config = config_of(generator.settings)
    catalogues = {}  # resolved once per language: pages call gettext tens of thousands of times

    def catalogue(context):
        lang = page_lang(context)
        if lang not in catalogues:
            catalogues[lang] = theme_catalogue(generator, lang)
        return catalogues[lang]

    @pass_context
    def gettext(context, message):
        return catalogue(context).ugettext(message)

    translated = {}  # (lang, message) -> the text as a template shows it, for messages without variables

    @pass_context
    def newstyle_gettext(context, message, /, **variables):
        # What Jinja's newstyle gettext does (escape, then always format), in one call instead of three:
        # templates call _() about sixty times per page, through jinja2.ext._gettext_alias and
        # _make_new_gettext, each a Context.call.
        if variables or not context.eval_ctx.autoescape:
            text = formatting.join_full_stops(catalogue(context).ugettext(message), variables)
            return (Markup(text) if context.eval_ctx.autoescape else text) % variables
        key = (page_lang(context), message)
        if key not in translated:
            translated[key] = Markup(catalogue(context).ugettext(message)) % {}
        return translated[key]

    @pass_context
    def ngettext(context, singular, plural, count):
        return catalogue(context).ungettext(singular, plural, count)

    @pass_context
    def pgettext(context, message_context, message):
        return catalogue(context).upgettext(message_context, message)

    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)
    env.globals.update(gettext=newstyle_gettext, _=newstyle_gettext)

    @pass_context
    def local_date(context, value, style="long"):
        return formatting.local_date(value, page_lang(context), style)

    @pass_context
    def local_datetime(context, value):
        lang = page_lang(context)
        return formatting.deadline(value, lang, zone_label(value.tzinfo, lang, config.zone_labels, catalogue(context)))

    @pass_context
    def percent(context, value):
        return formatting.percent(value, page_lang(context))

    @pass_context
    def file_size(context, size):
        return formatting.file_size(size, page_lang(context))

    @pass_context
    def money(context, value):
        return formatting.money(value["amount"], value["currency"], page_lang(context))

    @pass_context
    def number(context, value):
        return formatting.number(value, page_lang(context))

    env.globals["site_name"] = lambda lang: config.site_name(lang, generator.settings["SITENAME"])

    env.filters.update(
        local_date=local_date,
        local_datetime=local_datetime,
        percent=percent,
        iso_date=formatting.iso_date,
        file_size=file_size,
        money=money,
        number=number,
        language_name=formatting.language_name,
    )
