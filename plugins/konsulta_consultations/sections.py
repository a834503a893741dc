"""A comment link after every section heading of an open draft."""

from __future__ import annotations

from bs4 import BeautifulSoup

from konsulta_content.rendering import HTML_OUTPUT


def with_section_links(html: str, links, label: str) -> str:
    """Adds, after each h2/h3 with a link, a link whose accessible name also names the section."""
    if not links or not links.sections:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for heading in soup.find_all(["h2", "h3"]):
        url = links.sections.get(heading.get("id", ""))
        if not url:
            continue
        paragraph = soup.new_tag("p", attrs={"class": "section-comment", "data-comment-link": ""})
        link = soup.new_tag("a", href=url, rel="noopener")
        link.append(label)
        hidden = soup.new_tag("span", attrs={"class": "visually-hidden"})
        hidden.append(f": {heading.get_text(' ', strip=True)}")
        link.append(hidden)
        paragraph.append(link)
        heading.insert_after(paragraph)
    return soup.decode(formatter=HTML_OUTPUT)
