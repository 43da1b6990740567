"""The Content Security Policy's parts: which inline scripts are hashed, and where the policy goes."""

from __future__ import annotations

import pytest

from nfp.csp import find_inline_scripts, insert_policy, render_policy, script_hash


def test_only_scripts_a_browser_runs_inline_are_hashed() -> None:
    html = ('<script>a()</script><script src="x.js"></script><script type="application/json">{"b": 1}</script>'
            '<script type="module">c()</script><p>&lt;script&gt;</p>')
    assert find_inline_scripts(html) == ["a()", "c()"]


def test_the_hash_is_the_one_browsers_compute() -> None:
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_the_policy_allows_no_inline_script_but_the_hashed_ones() -> None:
    policy = render_policy({"'sha256-abc='"})
    assert "script-src 'self' 'sha256-abc='" in policy
    assert "unsafe-inline' " not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy


def test_the_policy_comes_before_every_script_but_after_the_charset() -> None:
    html = '<html><head>\n  <meta charset="utf-8">\n<script>a()</script></head></html>'
    out = insert_policy(html, "default-src 'self'")
    assert out.index('<meta charset="utf-8">') < out.index("Content-Security-Policy") < out.index("<script>")
    with pytest.raises(ValueError, match="already has"):
        insert_policy(out, "x")
    with pytest.raises(ValueError, match="no <head>"):
        insert_policy("<p>x</p>", "x")
