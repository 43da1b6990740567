"""Message templates: data in checklists/shared/, checked against each channel's limit, rendered with copy buttons.

(First version: the templates page exists; the data, limits and rendering arrive with the templates issue.)
"""

from __future__ import annotations


def render_templates_page() -> str:
    return "<h1>Message templates</h1>\n<p>Copy-ready messages for each step of the checklists.</p>"
