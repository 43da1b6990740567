"""Benchmark: build scaling with N extra checklists vs plain Markdown, output size, rebuild latency under
`mkdocs serve`, first-load page weight, third-party requests and Lighthouse scores.

    make bench                      # everything (Lighthouse too, when bench/node_modules has it)
    .venv/bin/python bench/run.py --help

Works in temporary copies of the working tree; never touches docs/, checklists/, hooks/ or site/.
Results: printed as a table, and written to bench/out/results.json and bench/out/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import lighthouse  # noqa: E402
import page_weight  # noqa: E402
import serve_rebuild  # noqa: E402
import workspace  # noqa: E402

REPO = workspace.REPO
OUT = BENCH / "out"
PYTHON = Path(sys.executable)
MKDOCS = PYTHON.parent / "mkdocs"

CHECKLIST_PAGE = "checklists/conference/"
GUIDE_PAGE = "academia/conferences/"
SERVE_CHECKLIST = "conference"

# Targets from the issue.
T_RATIO = 1.15
T_HOOK_SHARE = 0.10
T_BYTES_PER_CHECKLIST = 60_000
T_PAGE_GZIP = 100_000
T_LINEAR = 1.5  # marginal s/page from N=100 to N=1000 at most this many times that from 0 to 100


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "Markdown", "PyYAML", "jsonschema", "Jinja2"):
        try:
            from importlib.metadata import version
            versions[name] = version(name)
        except Exception:  # noqa: BLE001
            versions[name] = "?"
    try:
        import yaml
        versions["libyaml"] = "yes" if yaml.__with_libyaml__ else "no"
    except ImportError:
        pass
    return {"nproc": nproc, "python": platform.python_version(), "cpu": cpu, "platform": platform.platform(),
            "packages": versions, "loadavg_start": os.getloadavg()}


def git_revision() -> str:
    proc = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "docs", "hooks", "checklists",
                            "overrides", "mkdocs.yml"], capture_output=True, text=True).stdout.strip()
    return proc.stdout.strip() + (" + uncommitted changes" if dirty else "")


def site_base(root: Path) -> str:
    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return urlsplit(line.split(":", 1)[1].strip()).path or "/"
    return "/"


def site_parts(site: Path) -> dict[str, int]:
    """Bytes of a built site by part, to see what each added page costs."""
    parts: dict[str, int] = {}
    for dirpath, _, filenames in os.walk(site):
        rel = Path(dirpath).relative_to(site).as_posix()
        for name in filenames:
            path = f"{rel}/{name}" if rel != "." else name
            if path.startswith("checklists/booklet/"):
                part = "booklet page"
            elif path == "checklists/index.html":
                part = "checklists index page"
            elif path.startswith(("checklists/", f"{workspace.PLAIN_DIR}/")):
                part = "the added pages themselves"
            elif path.startswith("search/"):
                part = "search index"
            elif path.startswith("sitemap") or path in ("tags.json",):
                part = "sitemap.xml(.gz), tags.json"
            elif path.endswith(".html"):
                part = "other pages (guides get a card per checklist)"
            else:
                part = "assets and other files"
            parts[part] = parts.get(part, 0) + os.path.getsize(os.path.join(dirpath, name))
    return parts


def tree_bytes(root: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            total += os.path.getsize(os.path.join(dirpath, name))
            files += 1
    return total, files


# --- Builds -----------------------------------------------------------------------------------------------------

def build_once(root: Path, site: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `mkdocs build --strict` into an empty site dir."""
    if site.exists():
        shutil.rmtree(site)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], cwd=root,
                          env=workspace.build_env(git_dates=False), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
        raise RuntimeError(f"mkdocs build --strict failed in {root}:\n{tail}")
    return elapsed, cpu


def apply_proposals(root: Path, patches: list[Path]) -> None:
    for patch in patches:
        already = subprocess.run(["patch", "-p1", "-R", "--dry-run", "--batch", "-s", "-i", str(patch)], cwd=root,
                                 capture_output=True, text=True)
        if already.returncode == 0:
            continue  # the tree has it already
        proc = subprocess.run(["patch", "-p1", "--forward", "--batch", "-i", str(patch)], cwd=root,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"{patch.name} does not apply to the current tree:\n{proc.stdout}{proc.stderr}")


def prepare(work: Path, kind: str, n: int, patches: list[Path]) -> Path:
    root = workspace.prepare(work / f"{kind}-{n}", kind=kind, count=n)
    apply_proposals(root, patches)
    return root


def scaling(work: Path, sizes: list[int], runs_for: dict[int, int], patches: list[Path]) -> dict:
    results: dict = {}
    for n in sizes:
        roots = {kind: prepare(work, kind, n, patches) for kind in ("checklists", "plain")}
        times: dict[str, list[float]] = {"checklists": [], "plain": []}
        cpu: dict[str, list[float]] = {"checklists": [], "plain": []}
        runs = runs_for.get(n, 3)
        # Warm-up (disk cache, .pyc) is not timed; then the two kinds alternate so drift hits both alike.
        if n < 1000:
            for kind, root in roots.items():
                build_once(root, work / f"site-{kind}-{n}")
        for _ in range(runs):
            for kind, root in roots.items():
                wall, used = build_once(root, work / f"site-{kind}-{n}")
                times[kind].append(wall)
                cpu[kind].append(used)
        entry = {"runs": runs, "roots": {k: str(v) for k, v in roots.items()}}
        for kind in times:
            site_bytes, site_files = tree_bytes(work / f"site-{kind}-{n}")
            entry[kind] = {"times_s": times[kind], "median_s": statistics.median(times[kind]),
                           "cpu_s": cpu[kind], "median_cpu_s": statistics.median(cpu[kind]),
                           "site_bytes": site_bytes, "site_files": site_files,
                           "parts": site_parts(work / f"site-{kind}-{n}")}
        entry["ratio"] = entry["checklists"]["median_s"] / entry["plain"]["median_s"]
        entry["ratio_cpu"] = entry["checklists"]["median_cpu_s"] / entry["plain"]["median_cpu_s"]
        entry["loadavg"] = os.getloadavg()[0]
        results[n] = entry
        log(f"N={n}: checklists {entry['checklists']['median_s']:.2f} s, plain {entry['plain']['median_s']:.2f} s, "
            f"ratio {entry['ratio']:.2f}; site {entry['checklists']['site_bytes'] / 1e6:.1f} MB vs "
            f"{entry['plain']['site_bytes'] / 1e6:.1f} MB")
    return results


def marginal(results: dict, kind: str, a: int, b: int, key: str = "median_s") -> float | None:
    if a in results and b in results and b > a:
        return (results[b][kind][key] - results[a][kind][key]) / (b - a)
    return None


def profile(root: Path, work: Path, n: int, *, cprofile: bool, plain_root: Path | None = None) -> dict:
    """Hook timers (wall clock, no profiler) and, optionally, a cProfile of one in-process build.

    With `plain_root`, the plain-Markdown control is timed too, for Python-Markdown's share of its build."""
    script = BENCH / "profile_build.py"
    env = workspace.build_env(git_dates=False)
    out: dict = {}
    timers = work / f"timers-{n}.json"
    subprocess.run([str(PYTHON), str(script), str(root), str(work / f"site-timers-{n}"), str(timers), "--timers"],
                   cwd=root, env=env, check=True, capture_output=True)
    out["timers"] = json.loads(timers.read_text())
    if plain_root is not None:
        plain_timers = work / f"timers-plain-{n}.json"
        subprocess.run([str(PYTHON), str(script), str(plain_root), str(work / f"site-timers-plain-{n}"),
                        str(plain_timers), "--timers"], cwd=plain_root, env=env, check=True, capture_output=True)
        out["plain_timers"] = json.loads(plain_timers.read_text())
    if cprofile:
        prof = work / f"profile-{n}.json"
        OUT.mkdir(exist_ok=True)
        subprocess.run([str(PYTHON), str(script), str(root), str(work / f"site-prof-{n}"), str(prof),
                        str(OUT / f"profile-{n}.pstats")], cwd=root, env=env, check=True, capture_output=True)
        out["cprofile"] = json.loads(prof.read_text())
    return out


# --- Page weight, third parties, Lighthouse ------------------------------------------------------------------------

def weights(site_root: Path, base: str) -> dict:
    site = page_weight.Site(site_root, base)
    out = {}
    for page in (CHECKLIST_PAGE, GUIDE_PAGE):
        w = site.weight(page)
        out[page] = {"raw": w.raw, "gzip": w.gzip, "by_kind": w.by_kind(), "third_party": w.third_party,
                     "resources": [(r.url.replace("http://127.0.0.1" + base, ""), r.kind, r.raw, r.gzip, r.missing)
                                   for r in w.resources]}
    out["lazy_search"] = site.lazy_search()
    return out


def lighthouse_runs(site_root: Path, base: str, runs: int) -> dict:
    from static_server import StaticServer
    reason = lighthouse.available()
    if reason:
        return {"skipped": reason}
    results: dict = {}
    with StaticServer(site_root, base) as server:
        for page in (CHECKLIST_PAGE, GUIDE_PAGE):
            for preset in ("desktop", "mobile"):
                summaries = []
                for run in range(runs):
                    name = f"lighthouse-{page.strip('/').replace('/', '_')}-{preset}-{run}.json"
                    try:
                        summaries.append(lighthouse.run(server.url(page), preset=preset, out=OUT / name))
                    except (RuntimeError, subprocess.TimeoutExpired) as error:  # one retry: Chromium can flake
                        log(f"lighthouse run failed, retrying once: {str(error)[:200]}")
                        summaries.append(lighthouse.run(server.url(page), preset=preset, out=OUT / name))
                perf = [s["scores"]["performance"] for s in summaries]
                best = summaries[perf.index(statistics.median_low(perf))]
                best["performance_runs"] = perf
                results[f"{page} {preset}"] = best
                log(f"lighthouse {page} {preset}: {best['scores']} (performance runs {perf})")
    return results


# --- Report -------------------------------------------------------------------------------------------------------

def kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def ok(flag: bool | None) -> str:
    return "n/a" if flag is None else ("yes" if flag else "**NO**")


def report(data: dict) -> str:
    m = data["machine"]
    lines = [f"# Benchmark results ({data['when']})", "",
             f"Command: `{data['command']}`  ",
             f"Tree: {data['revision']}{'; proposals applied: ' + ', '.join(data['proposals']) if data['proposals'] else ''}  ",
             f"Machine: {m['nproc']} cores ({m['cpu']}), Python {m['python']}, {m['platform']}; "
             f"load average at start {m['loadavg_start'][0]:.2f}, at end {data.get('loadavg_end', [0])[0]:.2f}  ",
             "Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()), "",
             "How this is measured, what the figures mean and what is still open: bench/README.md.", ""]
    if max(m["loadavg_start"][0], data.get("loadavg_end", [0])[0]) > float(m["nproc"] or 1):
        lines += [f"**Warning: the machine was busy (load average above {m['nproc']}): wall times are inflated; the CPU "
                  "seconds (user+sys of the build process) are the steadier figure.**", ""]
    lines += [
             f"Total benchmark time: {data['elapsed_s']:.0f} s", ""]
    s = data["scaling"]
    sizes = sorted(int(n) for n in s)
    lines += ["## Build scaling (`mkdocs build --strict`, wall seconds, median)", "",
              "| N extra | runs | checklists (s) | plain Markdown (s) | ratio | CPU s checklists / plain (ratio) |"
              " site/ checklists | site/ plain | load avg |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        e = s[n]
        lines.append(f"| {n} | {e['runs']} | {e['checklists']['median_s']:.2f} | {e['plain']['median_s']:.2f} | "
                     f"**{e['ratio']:.2f}** | {e['checklists']['median_cpu_s']:.2f} / {e['plain']['median_cpu_s']:.2f} "
                     f"({e['ratio_cpu']:.2f}) | {e['checklists']['site_bytes'] / 1e6:.2f} MB | "
                     f"{e['plain']['site_bytes'] / 1e6:.2f} MB | {e['loadavg']:.1f} |")
    lines.append("")
    for kind in ("checklists", "plain"):
        parts = []
        for a, b in zip(sizes, sizes[1:]):
            v, c = marginal(s, kind, a, b), marginal(s, kind, a, b, "median_cpu_s")
            parts.append(f"{a}→{b}: {v * 1000:.1f} ms/page wall, {c * 1000:.1f} ms/page CPU")
        if parts:
            lines.append(f"- Marginal build cost, {kind}: " + "; ".join(parts))
    for kind in ("checklists", "plain"):
        if 0 in s and max(sizes) > 0:
            top = max(sizes)
            per = (s[top][kind]["site_bytes"] - s[0][kind]["site_bytes"]) / top
            lines.append(f"- Output per added page at N={top}, {kind}: {kb(per)}")
    lines.append("")
    if 0 in s and max(sizes) > 0:
        top = max(sizes)
        lines += [f"Where the bytes of one added page go (site/ at N={top} minus N=0, divided by {top}):", "",
                  "| part of site/ | checklists | plain Markdown |", "|---|---:|---:|"]
        names = sorted(set(s[top]["checklists"]["parts"]) | set(s[top]["plain"]["parts"]),
                       key=lambda name: -s[top]["checklists"]["parts"].get(name, 0))
        for name in names:
            cells = []
            for kind in ("checklists", "plain"):
                grow = s[top][kind]["parts"].get(name, 0) - s[0][kind]["parts"].get(name, 0)
                cells.append(kb(grow / top))
            lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
        lines.append("")
    if data.get("profile"):
        p = data["profile"]
        for n, prof in sorted(p.items(), key=lambda kv: int(kv[0])):
            t = prof["timers"]
            lines += [f"## Where build time goes (in-process build, N={n})", "",
                      f"Hook timers (no profiler): build {t['wall_s']:.2f} s wall / {t['cpu_s']:.2f} s CPU; hook "
                      f"events {t['hooks_s']:.2f} s wall / {t['hooks_cpu_s']:.2f} s CPU = "
                      f"**{t['hooks_share'] * 100:.0f}%** of wall time, {t['hooks_cpu_share'] * 100:.0f}% of CPU time. "
                      f"Python-Markdown (`Markdown.convert`, guides and front-matter-only generated pages): "
                      f"{t.get('markdown_s', 0):.2f} s."]
            if "plain_timers" in prof:
                pt = prof["plain_timers"]
                lines[-1] += (f" For comparison, the plain-Markdown control at N={n}: build {pt['wall_s']:.2f} s wall, "
                              f"of which Python-Markdown {pt['markdown_s']:.2f} s = **{pt['markdown_share'] * 100:.0f}%** "
                              "(on a checklist page the hooks do what Markdown does for a hand-written page).")
            lines += ["", "| timer (hook event, or nfp function a hook calls) | calls | wall s | CPU s |",
                      "|---|---:|---:|---:|"]
            for name, (calls, secs, cpu_s) in list(t["timers"].items())[:12]:
                lines.append(f"| `{name}` | {calls} | {secs:.3f} | {cpu_s:.3f} |")
            lines.append("")
            if "cprofile" in prof:
                c = prof["cprofile"]
                lines += [f"cProfile: {c['profiled_total_s']:.1f} s profiled (profiling inflates pure-Python code "
                          f"such as PyYAML's scanner most); hook events {c['hooks_cum_s']:.1f} s = "
                          f"**{c['hooks_share'] * 100:.0f}%**.", "",
                          "| function (hooks/, cumulative) | calls | cum s | self s |", "|---|---:|---:|---:|"]
                for f in c["hook_functions"][:14]:
                    lines.append(f"| `{f['function']}` | {f['calls']} | {f['cum_s']:.2f} | {f['self_s']:.2f} |")
                lines += ["", "| top functions by own time (whole build) | calls | self s | cum s |",
                          "|---|---:|---:|---:|"]
                for f in c["top_self"][:12]:
                    lines.append(f"| `{f['function']}` | {f['calls']} | {f['self_s']:.2f} | {f['cum_s']:.2f} |")
                lines.append("")
    if data.get("serve"):
        lines += ["## Rebuild while editing (`mkdocs serve`: save checklist → page shows the change)", "",
                  "| N extra | runs | median (s) | all runs (s) | serve start-up (s) |", "|---:|---:|---:|---|---:|"]
        for n, r in sorted(data["serve"].items(), key=lambda kv: int(kv[0])):
            if "error" in r:
                lines.append(f"| {n} | - | error: {r['error']} | | |")
                continue
            lines.append(f"| {n} | {len(r['times_s'])} | {statistics.median(r['times_s']):.2f} | "
                         f"{', '.join(f'{t:.2f}' for t in r['times_s'])} | {r['startup_s']:.1f} |")
        lines.append("")
    if data.get("weights"):
        lines += ["## First-load page weight (built files, text gzip -6 as a static host serves it)", ""]
        for n, w in sorted(data["weights"].items(), key=lambda kv: int(kv[0])):
            lines += [f"At N={n}:", "", "| page | raw | gzip | html | css | js | icon/img/font |",
                      "|---|---:|---:|---:|---:|---:|---:|"]
            for page in (CHECKLIST_PAGE, GUIDE_PAGE):
                e = w[page]
                k = e["by_kind"]
                other = sum(v[1] for key, v in k.items() if key not in ("html", "css", "js"))
                lines.append(f"| {page} | {kb(e['raw'])} | **{kb(e['gzip'])}** | {kb(k.get('html', (0, 0))[1])} | "
                             f"{kb(k.get('css', (0, 0))[1])} | {kb(k.get('js', (0, 0))[1])} | {kb(other)} |")
            lazy = ", ".join(f"{name} {kb(raw)} raw / {kb(gz)} gzip" for name, (raw, gz) in w["lazy_search"].items())
            lines += ["", f"Fetched by Material's JavaScript after the page loads (not counted above): {lazy}", ""]
    if "third_party" in data:
        tp = data["third_party"]
        lines += ["## Third-party hosts", "",
                  f"- Resources in built HTML/CSS from a host other than 127.0.0.1: "
                  f"{'none' if not tp['html_css'] else ', '.join(sorted(tp['html_css']))}",
                  f"- Hosts named in built JavaScript (may be fetched at run time): "
                  f"{', '.join(sorted(tp['js_hosts'])) or 'none'}"]
        lh = data.get("lighthouse") or {}
        seen = sorted({u for r in lh.values() if isinstance(r, dict) for u in r.get("third_party", [])})
        if lh and "skipped" not in lh:
            lines.append(f"- Requests to other hosts seen by Lighthouse: {', '.join(seen) or 'none'}")
        lines.append("")
    lh = data.get("lighthouse")
    if lh:
        lines += ["## Lighthouse 12.2.3 (Chromium headless, served gzip from 127.0.0.1)", ""]
        if "skipped" in lh:
            lines += [f"Skipped: {lh['skipped']}", ""]
        else:
            lines += ["| page, preset | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms |"
                      " CLS | bytes |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for key, r in lh.items():
                sc, mt = r["scores"], r["metrics"]
                lines.append(f"| {key} | {sc['performance']} {r.get('performance_runs', '')} | {sc['accessibility']} | "
                             f"{sc['best-practices']} | {sc['seo']} | {mt['first-contentful-paint']:.0f} | "
                             f"{mt['largest-contentful-paint']:.0f} | {mt['total-blocking-time']:.0f} | "
                             f"{mt['cumulative-layout-shift']:.3f} | {mt['total-byte-weight']:.0f} |")
            lines.append("")
            for key, r in lh.items():
                after = [u.split("/networking-for-phds/")[-1] if "127.0.0.1" in u else u for u in r["request_urls"]
                         if u and any(x in u for x in ("search_index", "sitemap", "workers/", "api.github"))]
                lines.append(f"- {key}: {r['requests']} requests; total {r['metrics']['total-byte-weight'] / 1000:.1f} KB"
                             f" transferred, including {', '.join(after) or 'nothing fetched after load'}")
            for key, r in lh.items():
                if r["below_0.9"]:
                    lines.append(f"- {key}, audits below 0.9: " + "; ".join(r["below_0.9"]))
            lines.append("")
    lines += ["## Targets", "", "| target | value | met |", "|---|---|---|"]
    for name, value, met in data["targets"]:
        lines.append(f"| {name} | {value} | {ok(met)} |")
    lines.append("")
    return "\n".join(lines)


def targets(data: dict) -> list[tuple[str, str, bool | None]]:
    out: list[tuple[str, str, bool | None]] = []
    s = data["scaling"]
    sizes = sorted(s)
    top = max(sizes)
    out.append((f"ratio checklists/plain at N={top} ≤ {T_RATIO} (wall; CPU)",
                f"{s[top]['ratio']:.2f}; {s[top]['ratio_cpu']:.2f}", s[top]["ratio"] <= T_RATIO))
    if len(sizes) >= 3:
        a, b, c = sizes[0], sizes[-2], sizes[-1]
        m1, m2 = marginal(s, "checklists", a, b), marginal(s, "checklists", b, c)
        c1, c2 = marginal(s, "checklists", a, b, "median_cpu_s"), marginal(s, "checklists", b, c, "median_cpu_s")
        if m1 and m2:
            out.append((f"linear: ms/page {b}→{c} ≤ {T_LINEAR}× ms/page {a}→{b} (wall; CPU)",
                        f"{m2 * 1000:.1f} vs {m1 * 1000:.1f}; {c2 * 1000:.1f} vs {c1 * 1000:.1f}",
                        m2 <= T_LINEAR * max(m1, 1e-4)))
    prof = data.get("profile") or {}
    if prof:
        n = max(prof)
        t = prof[n]["timers"]
        out.append((f"hooks' share of the build at N={n} < {T_HOOK_SHARE:.0%} (timers: wall, CPU)",
                    f"{t['hooks_share']:.0%}, {t['hooks_cpu_share']:.0%}", t["hooks_share"] < T_HOOK_SHARE))
        if "cprofile" in prof[n]:
            c = prof[n]["cprofile"]
            out.append((f"hooks' share at N={n} < {T_HOOK_SHARE:.0%} (cProfile)", f"{c['hooks_share']:.0%}",
                        c["hooks_share"] < T_HOOK_SHARE))
        if len(prof) > 1:
            lo = min(prof)
            per = {k: prof[k]["timers"]["hooks_cpu_s"] / max(k, 1) for k in (lo, n)}
            out.append((f"hook CPU time per extra checklist, N={lo} vs N={n} (flat = no per-page scan of all "
                        "checklists)", f"{per[lo] * 1000:.2f} vs {per[n] * 1000:.2f} ms", per[n] <= 1.5 * per[lo]))
    if 0 in s and top > 0:
        per = (s[top]["checklists"]["site_bytes"] - s[0]["checklists"]["site_bytes"]) / top
        out.append((f"site/ bytes per added checklist at N={top} ≤ 60 KB", kb(per), per <= T_BYTES_PER_CHECKLIST))
    if data.get("weights"):
        w = data["weights"][min(data["weights"])]
        g = w[CHECKLIST_PAGE]["gzip"]
        out.append(("checklist page first load < 100 KB gzip", kb(g), g < T_PAGE_GZIP))
    lh = data.get("lighthouse") or {}
    if lh and "skipped" not in lh:
        for key, r in lh.items():
            out.append((f"Lighthouse performance 100: {key}", str(r["scores"]["performance"]),
                        r["scores"]["performance"] == 100))
    elif lh:
        out.append(("Lighthouse performance 100", f"skipped: {lh['skipped']}", None))
    if "third_party" in data:
        tp = data["third_party"]
        seen = sorted({u for r in lh.values() if isinstance(r, dict) for u in r.get("third_party", [])}) \
            if lh and "skipped" not in lh else []
        value = "none" if not tp["html_css"] and not seen else ", ".join(sorted(tp["html_css"]) + seen)
        out.append(("no request to a third-party host (built HTML/CSS, and Lighthouse's requests)", value,
                    not tp["html_css"] and not seen))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,100,1000", help="extra checklists to generate (default 0,100,1000)")
    parser.add_argument("--runs-small", type=int, default=5, help="timed builds for N < 1000 (default 5)")
    parser.add_argument("--runs-large", type=int, default=3, help="timed builds for N ≥ 1000 (default 3)")
    parser.add_argument("--serve-sizes", default="0,1000", help="N for the mkdocs serve rebuild test ('' to skip)")
    parser.add_argument("--serve-runs", type=int, default=3, help="edits timed per N (2 for N ≥ 1000)")
    parser.add_argument("--no-cprofile", action="store_true", help="skip the cProfile build (hook timers still run)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=1, help="runs per page and preset (median kept)")
    parser.add_argument("--proposals", nargs="*", default=[], metavar="PATCH",
                        help="patches (e.g. bench/proposals/*.patch) applied to the temporary copies only")
    parser.add_argument("--quick", action="store_true", help="N=0,100, 2 runs, no serve test, no cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies and sites")
    parser.add_argument("--write-results", metavar="FILE", help="also write the Markdown report to FILE")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs_small, args.runs_large, args.serve_sizes, args.no_cprofile = "0,100", 2, 2, "", True
    sizes = sorted({int(x) for x in args.sizes.split(",") if x.strip()})
    serve_sizes = sorted({int(x) for x in args.serve_sizes.split(",") if x.strip()})
    patches = [Path(p).resolve() for p in args.proposals]
    started = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="nfp-bench-"))
    data: dict = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  "command": " ".join([".venv/bin/python bench/run.py", *sys.argv[1:]]),
                  "machine": machine(), "revision": git_revision(), "proposals": [p.name for p in patches]}
    log(f"working in {work}; machine: {data['machine']['nproc']} cores, {data['machine']['cpu']}, "
        f"Python {data['machine']['python']}")
    try:
        runs_for = {n: (args.runs_large if n >= 1000 else args.runs_small) for n in sizes}
        data["scaling"] = scaling(work, sizes, runs_for, patches)
        top = max(sizes)
        prof_sizes = sorted({n for n in (100, top) if n in sizes and n > 0})
        data["profile"] = {}
        for n in prof_sizes:
            log(f"profiling the hooks at N={n}")
            data["profile"][n] = profile(Path(data["scaling"][n]["roots"]["checklists"]), work, n,
                                         cprofile=(n == top and not args.no_cprofile),
                                         plain_root=Path(data["scaling"][n]["roots"]["plain"]) if n == top else None)
        data["serve"] = {}
        for n in serve_sizes:
            log(f"mkdocs serve rebuild at N={n}")
            root = prepare(work, "serve", n, patches) if n not in sizes else Path(
                data["scaling"][n]["roots"]["checklists"])
            try:
                data["serve"][n] = serve_rebuild.measure(root, checklist_id=SERVE_CHECKLIST,
                                                         runs=args.serve_runs if n < 1000 else min(args.serve_runs, 2))
            except Exception as error:  # noqa: BLE001 - report and go on
                data["serve"][n] = {"error": str(error)}
            log(f"  {data['serve'][n]}")
        base_root = Path(data["scaling"][min(sizes)]["roots"]["checklists"])
        base = site_base(base_root)
        data["weights"] = {}
        for n in sorted({min(sizes), top}):
            data["weights"][n] = weights(work / f"site-checklists-{n}", base)
        site0 = work / f"site-checklists-{min(sizes)}"
        data["third_party"] = {"html_css": page_weight.third_party_resources(site0),
                               "js_hosts": page_weight.hosts_in_scripts(site0)}
        if args.no_lighthouse:
            data["lighthouse"] = {"skipped": "--no-lighthouse"}
        else:
            log("lighthouse")
            try:
                data["lighthouse"] = lighthouse_runs(site0, base, args.lighthouse_runs)
            except Exception as error:  # noqa: BLE001
                data["lighthouse"] = {"skipped": f"error: {error}"}
            if "skipped" in data["lighthouse"]:
                log(f"Lighthouse skipped: {data['lighthouse']['skipped']}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    data["elapsed_s"] = time.perf_counter() - started
    data["loadavg_end"] = os.getloadavg()
    data["targets"] = targets(data)
    text = report(data)
    (OUT / "results.json").write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    (OUT / "results.md").write_text(text, encoding="utf-8")
    if args.write_results:
        Path(args.write_results).write_text(text, encoding="utf-8")
    print()
    print(text)


if __name__ == "__main__":
    main()
