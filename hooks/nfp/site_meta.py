"""Small files every public website needs."""

from __future__ import annotations


def render_robots_txt(site_url: str) -> str:
    """Allow every crawler and point it at the sitemap MkDocs writes beside the site."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
