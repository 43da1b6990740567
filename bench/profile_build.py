"""Profile one in-process `mkdocs build` with cProfile and attribute time to the project's hooks.

Run as a script in the copy's directory (so the hooks' imports resolve exactly as in a real build):
    python profile_build.py <copy root> <site dir> <output json> [<pstats file>]
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

# Hook entry points MkDocs calls; their cumulative time is the hooks' share of the build.
EVENTS = {"on_startup", "on_shutdown", "on_config", "on_pre_build", "on_files", "on_nav", "on_env",
          "on_post_build", "on_build_error", "on_pre_template", "on_template_context", "on_post_template",
          "on_pre_page", "on_page_read_source", "on_page_markdown", "on_page_content", "on_page_context",
          "on_post_page", "on_serve"}


def build_in_process(root: Path, site_dir: Path, timers: dict | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
    if timers is not None:
        _install_timers(config, timers)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()


def _timed(label: str, function, timers: dict):
    def wrapper(*args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            entry = timers.setdefault(label, [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += time.perf_counter() - start
            entry[2] += time.process_time() - start_cpu
    return wrapper


def _install_timers(config, timers: dict) -> None:
    """Wall-clock timers, no profiler: around each hook event, and around the nfp functions each hook calls."""
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            module = getattr(method, "__module__", "") or ""
            if module in config.hooks:
                wrapper = _timed(f"{module}:{event}", method, timers)
                methods[index] = wrapper
                origins = getattr(plugins, "_event_origins", None)
                if isinstance(origins, dict) and method in origins:
                    origins[wrapper] = origins[method]
    for name, module in config.hooks.items():
        for attribute, value in list(vars(module).items()):
            origin = getattr(value, "__module__", "") or ""
            if callable(value) and origin.startswith("nfp.") and not isinstance(value, type):
                setattr(module, attribute, _timed(f"{name}: {origin}.{attribute}", value, timers))


def _short(filename: str, root: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        parts = Path(filename).parts
        if "site-packages" in parts:
            return "/".join(parts[parts.index("site-packages") + 1:])
        return filename


def analyse(stats: pstats.Stats, root: Path, wall: float) -> dict:
    hooks_dir = (root / "hooks").resolve()
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(getattr(stats, "total_tt", 0.0), 1e-9)

    def in_hooks(filename: str) -> bool:
        try:
            return Path(filename).resolve().is_relative_to(hooks_dir)
        except OSError:
            return False

    events, hook_functions, self_in_hooks, everything = [], [], 0.0, []
    for (filename, line, name), (cc, nc, tt, ct, callers) in raw.items():
        label = f"{_short(filename, root)}:{line}({name})"
        everything.append({"function": label, "calls": nc, "self_s": tt, "cum_s": ct})
        if in_hooks(filename):
            self_in_hooks += tt
            hook_functions.append({"function": label, "calls": nc, "self_s": tt, "cum_s": ct})
            if name in EVENTS and Path(filename).parent.resolve() == hooks_dir:
                events.append({"function": label, "calls": nc, "cum_s": ct})
    hooks_cum = sum(event["cum_s"] for event in events)
    hook_functions.sort(key=lambda f: f["cum_s"], reverse=True)
    by_self = sorted(everything, key=lambda f: f["self_s"], reverse=True)
    by_cum = sorted(everything, key=lambda f: f["cum_s"], reverse=True)
    return {
        "wall_s": wall,
        "profiled_total_s": total,
        "hooks_cum_s": hooks_cum,
        "hooks_share": hooks_cum / total,
        "hooks_self_s": self_in_hooks,
        "events": sorted(events, key=lambda e: e["cum_s"], reverse=True),
        "hook_functions": hook_functions[:25],
        "top_self": by_self[:25],
        "top_cum": by_cum[:60],
    }


def main() -> None:
    root, site_dir, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    os.chdir(root)
    if len(sys.argv) > 4 and sys.argv[4] == "--timers":
        timers: dict = {}
        # Python-Markdown's share, for comparison: on a checklist page the hooks do the job Markdown does for a
        # hand-written page.
        import markdown
        markdown.Markdown.convert = _timed("markdown: Markdown.convert", markdown.Markdown.convert, timers)
        start, start_cpu = time.perf_counter(), time.process_time()
        build_in_process(root, site_dir, timers)
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        markdown_s = timers.pop("markdown: Markdown.convert", [0, 0.0, 0.0])[1]
        events = {k: v for k, v in timers.items() if ": " not in k}
        hooks_s = sum(v[1] for v in events.values())
        hooks_cpu_s = sum(v[2] for v in events.values())
        out.write_text(json.dumps({"wall_s": wall, "hooks_s": hooks_s, "hooks_share": hooks_s / wall,
                                   "markdown_s": markdown_s, "markdown_share": markdown_s / wall,
                                   "cpu_s": cpu, "hooks_cpu_s": hooks_cpu_s, "hooks_cpu_share": hooks_cpu_s / cpu,
                                   "timers": dict(sorted(timers.items(), key=lambda kv: -kv[1][1]))},
                                  indent=1), encoding="utf-8")
        return
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    build_in_process(root, site_dir)
    profiler.disable()
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    if len(sys.argv) > 4:
        stats.dump_stats(sys.argv[4])
    out.write_text(json.dumps(analyse(stats, root, wall), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
