"""A comment link after every section heading of an open draft."""

from __future__ import annotations

from konsulta_content import markup


def with_section_links(html: str, links, label: str, hidden: bool = False) -> str:
    """Adds, after each h2/h3 with a link, a link whose accessible name also names the section. ``hidden``:
    written hidden, for a consultation not yet open, which the status script shows once it opens."""
    if not links or not links.sections:
        return html
    pieces, last = [], 0
    for match, _, attrs, inner in markup.elements(html, "h[23]"):
        url = links.sections.get(attrs.get("id", ""))
        if not url:
            continue
        pieces.append(html[last:match.end()])
        pieces.append(f'<p class="section-comment" data-comment-link{" hidden" if hidden else ""}>'
                      f'<a href="{markup.escape_attribute(url)}" rel="noopener">{markup.escape_text(label)}'
                      f'<span class="visually-hidden">: {markup.escape_text(markup.text_of(inner))}</span></a></p>')
        last = match.end()
    pieces.append(html[last:])
    return "".join(pieces)
