#!/usr/bin/env python3
"""Convert Jekyll's Cucumber scenarios into data for `tests/jekyll_scenarios.rs`.

Mirrors Jekyll 4.3.1's features/step_definitions.rb and features/support/helpers.rb:
every step becomes the file operations and assertions that its Ruby definition
performs, so the Rust test can replay a scenario against `hyde` without Ruby.

Usage:
  scripts/convert_features.py [FEATURES_DIR] [--out tests/scenarios]
  scripts/convert_features.py --verify-jekyll [--jekyll CMD] [--only TEXT] [--keep DIR]
The second form writes nothing: it replays every case with real Jekyll (or CMD,
e.g. target/debug/hyde) and prints the failures, which checks the conversion
itself (Jekyll 4.3.1 passes all of them); --keep leaves each replayed site in DIR.

FEATURES_DIR defaults to /work/shared/conformance/jekyll-tests/features; its
sibling test/source holds the fixture collections.  Writes one JSON file per
feature: {"feature", "scenarios": [case...], "skipped": [{"name","line","reason"}]}.
A case is {"name", "line", "ops": [...]}; ops run in order:
  mkdir path | write path content | append path content |
  fixture name path (copy a tree of FIXTURES_FILE to path) |
  delete path | sleep seconds | run args tz pin_now |
  exit zero | exists path negate | see path regex negate | exactly path text |
  output regex negate | today path what
Assertions carry "step", the Gherkin step they come from.
"see" and "output" regexes are already translated from Ruby to Rust `regex` syntax.
Needs PyYAML (the config steps round-trip YAML as SafeYAML/Psych do).
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

import yaml

DEFAULT_FEATURES = "/work/shared/conformance/jekyll-tests/features"
# Plugins that hyde implements natively, so listing them in `plugins:` is fine.
BUILTIN_PLUGINS = {"jekyll-paginate"}
# The shared copy of test/source flattened one symlink and dropped two dotfiles;
# these are their entries in Jekyll's git tree at v4.3.1.
FIXTURE_SYMLINKS = {"_methods/um_hi.md": "./site/generate.md"}
FIXTURE_EXTRA_FILES = {
    "_methods/with.dots/.gitignore": "I should be copied\n",
    "_methods/with.dots/.htaccess": "I should be copied\n",
}
FIXTURE_COLLECTIONS = ["_methods", "_thanksgiving", "_tutorials"]
# Where the fixture collections' files are stored once, next to the cases.
FIXTURES_FILE = "_fixture_collections.json"


def fixture_tree(fixtures, name):
    """The files of test/source/<name>, as [{"path", "content" | "symlink"}]."""
    root = fixtures / name
    entries = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            entries[p.relative_to(root).as_posix()] = {"content": p.read_text(encoding="utf-8")}
    for rel, text in FIXTURE_EXTRA_FILES.items():
        if rel.startswith(name + "/"):
            entries[rel[len(name) + 1:]] = {"content": text}
    for rel, target in FIXTURE_SYMLINKS.items():
        if rel.startswith(name + "/"):
            entries[rel[len(name) + 1:]] = {"symlink": target}
    return [{"path": rel, **entries[rel]} for rel in sorted(entries)]


def parent_dirs(path):
    parts = path.split("/")[:-1]
    return {"/".join(parts[:n]) for n in range(1, len(parts) + 1)}


class Unconvertible(Exception):
    """A scenario that needs Ruby, a gem, a theme gem or a command hyde lacks."""


# ---------------------------------------------------------------- Gherkin


class Step:
    def __init__(self, keyword, text, line, table=None, doc=None):
        self.keyword, self.text, self.line = keyword, text, line
        self.table, self.doc = table, doc


def parse_feature(path):
    """Parses a .feature file into [(name, line, [Step])], expanding outlines."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    scenarios, current, i = [], None, 0
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        i += 1
        if not stripped or stripped.startswith("#"):
            continue
        head = re.match(r"(Scenario Outline|Scenario Template|Scenario|Example|Background|Examples|Scenarios):\s*(.*)$", stripped)
        if head:
            kind, title = head.groups()
            if kind in ("Examples", "Scenarios"):
                rows, i = read_table(lines, i)
                current["examples"].extend(rows_to_hashes(rows))
            else:
                current = {"kind": kind, "name": title, "line": i, "steps": [], "examples": []}
                scenarios.append(current)
            continue
        step = re.match(r"(Given|When|Then|And|But|\*)\s+(.*)$", stripped)
        if step and current is not None:
            st = Step(step.group(1), step.group(2), i)
            if i < len(lines) and lines[i].strip().startswith("|"):
                st.table, i = read_table(lines, i)
            elif i < len(lines) and lines[i].strip().startswith(('"""', "```")):
                st.doc, i = read_docstring(lines, i)
            current["steps"].append(st)
    return expand_outlines(scenarios)


def read_table(lines, i):
    rows = []
    while i < len(lines) and lines[i].strip().startswith("|"):
        rows.append(split_row(lines[i].strip()))
        i += 1
    return rows, i


def split_row(row):
    """Gherkin cells: trimmed, with \\| \\\\ \\n escapes."""
    cells, cell, k = [], "", 1
    while k < len(row):
        c = row[k]
        if c == "\\" and k + 1 < len(row):
            nxt = row[k + 1]
            cell += {"|": "|", "\\": "\\", "n": "\n"}.get(nxt, "\\" + nxt)
            k += 2
            continue
        if c == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += c
        k += 1
    return cells


def read_docstring(lines, i):
    """Gherkin doc string: the opening delimiter's indentation is removed."""
    opening = lines[i]
    indent = len(opening) - len(opening.lstrip())
    delim = opening.strip()[:3]
    i += 1
    body = []
    while lines[i].strip() != delim:
        line = lines[i]
        lead = len(line) - len(line.lstrip(" "))
        body.append(line[min(lead, indent):].replace("\\" + '"""', '"""'))
        i += 1
    return "\n".join(body), i + 1


def rows_to_hashes(rows):
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def expand_outlines(scenarios):
    out = []
    for sc in scenarios:
        if sc["kind"] == "Background":
            raise SystemExit("Background is not used by Jekyll's features")
        if not sc["kind"].startswith("Scenario Outline") and not sc["examples"]:
            out.append((sc["name"], sc["line"], sc["steps"]))
            continue
        for n, ex in enumerate(sc["examples"], 1):
            sub = lambda s: None if s is None else re.sub(r"<([^>]+)>", lambda m: ex.get(m.group(1), m.group(0)), s)
            steps = [
                Step(s.keyword, sub(s.text), s.line,
                     [[sub(c) for c in r] for r in s.table] if s.table else None, sub(s.doc))
                for s in sc["steps"]
            ]
            label = ", ".join(f"{k}={v}" for k, v in ex.items())
            out.append((f"{sc['name']} (example {n}: {label})", sc["line"], steps))
    return out


# ---------------------------------------------------------------- Ruby helpers


def ruby_slug(title):
    """helpers.rb `slug`: Ruby's \\w is ASCII-only."""
    s = re.sub(r"[^A-Za-z0-9_]", " ", title.lower()).strip()
    return re.sub(r"\s+", "-", s)


def ruby_time(value, tz):
    """`Time.xmlschema(d) rescue Time.parse(d)`, as (Time#to_s, strftime("%Y-%m-%d"))."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}):?(\d{2}))?", value.strip())
    if not m:
        raise Unconvertible(f"post date {value!r} is not a form this converter parses")
    y, mo, d, hh, mi, ss, oh, om = m.groups()
    wall = datetime.datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
    if oh is not None:
        offset = f"{oh}{om}"
    else:
        local = wall.replace(tzinfo=zoneinfo.ZoneInfo(tz))
        offset = local.strftime("%z")
    return f"{wall:%Y-%m-%d %H:%M:%S} {offset}", f"{wall:%Y-%m-%d}"


def file_content_from_hash(row):
    """helpers.rb `file_content_from_hash`."""
    matter = "".join(f"{k}: {v}\n" for k, v in row.items() if k != "content")
    if matter.endswith("\n"):
        matter = matter[:-1]
    if row.get("input") and row.get("filter"):
        content = "{{ %s | %s }}" % (row["input"], row["filter"])
    else:
        content = row.get("content") or ""
    return f"---\n{matter}\n---\n\n{content}\n"


def ruby_regex_to_rust(pattern):
    """Translates a Ruby regex (as Jekyll's steps build them) to Rust `regex` syntax.

    Ruby's ^ and $ always match at line boundaries, \\w \\d \\s are ASCII, an
    escaped punctuation char is that char, and a `{` that cannot start a
    repetition is a literal."""
    out, k, in_class = [], 0, False
    classes = {"w": "0-9A-Za-z_", "d": "0-9", "s": " \\t\\r\\n\\f\\v", "h": "0-9a-fA-F"}
    while k < len(pattern):
        c = pattern[k]
        if c == "\\" and k + 1 < len(pattern):
            n = pattern[k + 1]
            k += 2
            if n.lower() in classes:
                body = classes[n.lower()]
                if in_class and n.islower():
                    out.append(body)
                elif n.islower():
                    out.append(f"[{body}]")
                elif in_class:
                    raise Unconvertible(f"regex {pattern!r}: negated class escape inside a class")
                else:
                    out.append(f"[^{body}]")
            elif n == "e":
                out.append("\\x1B")
            elif n in "AzbBntrfv0123456789":
                if n in "123456789":
                    raise Unconvertible(f"regex {pattern!r}: backreference")
                out.append("\\" + n)
            elif n == "Z":
                out.append("(?:\\n?\\z)")
            elif n.isalnum():
                raise Unconvertible(f"regex {pattern!r}: escape \\{n}")
            else:
                out.append(rust_escape(n))
            continue
        k += 1
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern[k:k + 1] == "^":
                out.append("^")
                k += 1
            if pattern[k:k + 1] == "]":
                out.append("\\]")
                k += 1
        elif c == "(" and pattern[k:k + 1] == "?" and not re.match(r"\?:", pattern[k:]):
            raise Unconvertible(f"regex {pattern!r}: group syntax (?{pattern[k + 1:k + 2]}")
        elif c == "{":
            q = re.match(r"\d+(,\d*)?\}|,\d+\}", pattern[k:])
            if q and out and out[-1] not in "(|":
                out.append("{" + q.group(0))
                k += len(q.group(0))
            else:
                out.append("\\{")
        elif c in "}]":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def rust_escape(c):
    return "\\" + c if c in "\\.+*?()|[]{}^$#&-~" else c


def ruby_regexp_escape(text):
    """Regexp.escape, expressed directly in Rust syntax (escaped metachars only)."""
    return "".join(rust_escape(c) for c in text)


# ---------------------------------------------------------------- site state


class Site:
    """The scenario's working directory (Jekyll's tmp/jekyll) as the steps change it."""

    def __init__(self, fixtures):
        self.fixtures = fixtures
        self.files, self.dirs, self.ops = {}, {""}, []
        self.tz = "UTC"  # Jekyll's CI runs on Ubuntu, in UTC
        self.tz_set = False
        self.nano = 1700000000000000000

    @staticmethod
    def norm(path):
        parts = []
        for p in path.replace("\\", "/").split("/"):
            if p in ("", "."):
                continue
            if p == "..":
                if not parts:
                    raise Unconvertible(f"path {path!r} leaves the site")
                parts.pop()
            else:
                parts.append(p)
        return "/".join(parts)

    def mkdir(self, path):
        path = self.norm(path)
        parts = path.split("/") if path else []
        for n in range(1, len(parts) + 1):
            self.dirs.add("/".join(parts[:n]))
        self.ops.append({"op": "mkdir", "path": path})

    def write(self, path, content):
        path = self.norm(path)
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        if parent not in self.dirs:
            raise Unconvertible(f"step writes {path} but {parent}/ does not exist (the Ruby step would fail)")
        if path.startswith("_plugins/") or "/_plugins/" in path or path.endswith(".rb"):
            raise Unconvertible("Ruby plugin (_plugins/*.rb)")
        self.files[path] = content
        self.ops.append({"op": "write", "path": path, "content": content})

    def copy_fixture_tree(self, name, dest):
        """FileUtils.cp_r: into dest/name when dest is a directory, else as dest.
        The tree itself is stored once, in FIXTURES_FILE."""
        dest = self.norm(dest)
        target = f"{dest}/{name}".strip("/") if dest in self.dirs else dest
        self.mkdir(target)
        for entry in fixture_tree(self.fixtures, name):
            full = f"{target}/{entry['path']}"
            self.dirs.update(parent_dirs(full))
            self.files[full] = entry.get("content")
        self.ops.append({"op": "fixture", "name": name, "path": target})

    def next_nanos(self):
        self.nano += 1
        return str(self.nano)


# ---------------------------------------------------------------- steps


STEPS = []


def step(pattern):
    def register(fn):
        STEPS.append((re.compile(pattern), fn))
        return fn
    return register


@step(r'^I have a blank site in "(.*)"$')
def blank_site(site, st, path):
    site.mkdir(path)


@step(r'^I do not have a "(.*)" directory$')
def no_directory(site, st, path):
    pass  # the Ruby step only returns a boolean


@step(r'^I have an? "(.*)" page(?: with (.*) "(.*)")? that contains "(.*)"$')
def page_that_contains(site, st, file, key, value, text):
    site.write(file, f"---\n{key or 'layout'}: {value or 'none'}\n---\n\n{text}\n")


@step(r'^I have an? "(.*)" file that contains "(.*)"$')
def file_that_contains(site, st, file, text):
    site.write(file, text)


@step(r'^I have an? (.*) (layout|theme) that contains "(.*)"$')
def layout_that_contains(site, st, name, kind, text):
    dest = f"{'_layouts' if kind == 'layout' else '_theme'}/{name}.html"
    site.mkdir(dest.rsplit("/", 1)[0])
    site.write(dest, text)


@step(r'^I have an? "(.*)" file with content:$')
def file_with_content(site, st, file):
    site.write(file, st.doc)


@step(r'^I have an? "(.*)" page with content:$')
def page_with_content(site, st, file):
    site.write(file, f"---\n---\n\n{st.doc}\n")


@step(r'^I have an? (.*) directory$')
def directory(site, st, path):
    site.mkdir(path)


@step(r'^I have the following (draft|page|post)s?(?: (in|under) "([^"]+)")?:$')
def following_items(site, st, status, direction, folder):
    before = folder if folder and direction == "in" else "."
    after = folder if folder and direction == "under" else ""
    for row in rows_to_hashes(st.table):
        title = ruby_slug(row["title"]) if "title" in row else site.next_nanos()
        ext = row.get("type") or "markdown"
        filename = f"{title}.{ext}"
        dest = {"draft": "_drafts", "post": "_posts", "page": ""}[status]
        if status == "post":
            row["date"], day = ruby_time(row["date"], site.tz)
            filename = f"{day}-{title}.{ext}"
        site.write("/".join(p for p in (before, dest, after, filename) if p), file_content_from_hash(row))


@step(r'^I have the following (draft|post)s? within the "(.*)" directory:$')
def items_within(site, st, kind, folder):
    for row in rows_to_hashes(st.table):
        title = ruby_slug(row["title"])
        _, day = ruby_time(row["date"], site.tz)
        filename = f"{title}.markdown" if kind == "draft" else f"{day}-{title}.markdown"
        site.write(f"{folder}/_{kind}s/{filename}", file_content_from_hash(row))


@step(r'^I have the following documents? under the (.*) collection:$')
def documents_under(site, st, label):
    for row in rows_to_hashes(st.table):
        site.write(f"_{label}/{ruby_slug(row['title'])}.md", file_content_from_hash(row))


@step(r'^I have the following documents? under the "(.*)" collection within the "(.*)" directory:$')
def documents_within(site, st, label, folder):
    for row in rows_to_hashes(st.table):
        site.write(f"{folder}/_{label}/{ruby_slug(row['title'])}.md", file_content_from_hash(row))


@step(r'^I have the following documents? nested inside "(.*)" directory under the "(.*)" collection within the "(.*)" directory:$')
def documents_nested(site, st, sub, label, folder):
    for row in rows_to_hashes(st.table):
        site.write(f"{folder}/_{label}/{sub}/{ruby_slug(row['title'])}.md", file_content_from_hash(row))


@step(r'^I have a configuration file with "(.*)" set to "(.*)"$')
def config_set(site, st, key, value):
    current = site.files.get("_config.yml")
    config = yaml.safe_load(current) if current else {}
    if not isinstance(config, dict):
        config = {}
    config[key] = yaml.safe_load(value) if value.strip() else False
    check_config_needs(config)
    if key == "timezone":
        site.tz, site.tz_set = value, True
    site.write("_config.yml", "---\n" + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, default_flow_style=False))


@step(r'^I have a configuration file with:$')
def config_table(site, st):
    for row in rows_to_hashes(st.table):
        config_set(site, st, row["key"], row["value"])


@step(r'^I have a configuration file with "([^\"]*)" set to:$')
def config_list(site, st, key):
    site.write("_config.yml", f"{key}:\n" + "".join(f"- {r['value']}\n" for r in rows_to_hashes(st.table)))


@step(r'^I have fixture collections(?: in "(.*)" directory)?$')
def fixture_collections(site, st, directory):
    for name in FIXTURE_COLLECTIONS:
        site.copy_fixture_tree(name, directory or "")


@step(r'^I wait (\d+) second(s?)$')
def wait(site, st, seconds, _plural):
    site.ops.append({"op": "sleep", "seconds": float(seconds)})


@step(r'^I run jekyll(.*)$')
def run_jekyll(site, st, args):
    argv = args.strip().split()
    if not argv or argv[0] not in ("build", "b"):
        raise Unconvertible(f"`jekyll {args.strip()}` (only `jekyll build` is replayed)")
    for name, text in site.files.items():
        if name.endswith("_config.yml") and text:
            check_config_text(text)
    op = {"op": "run", "args": argv}
    if site.tz_set:
        op["tz"] = site.tz
    site.ops.append(op)


@step(r'^I run bundle(.*)$')
def run_bundle(site, st, args):
    raise Unconvertible("runs bundle")


@step(r'^I run gem(.*)$')
def run_gem(site, st, args):
    raise Unconvertible("runs gem")


@step(r'^I run git add .$')
def run_git(site, st):
    raise Unconvertible("runs git (theme gem)")


@step(r'^I decide to build the theme gem$')
def theme_gem(site, st):
    raise Unconvertible("builds a theme gem")


@step(r'^I change "(.*)" to contain "(.*)"$')
def change_file(site, st, file, text):
    path = site.norm(file)
    site.files[path] = (site.files.get(path) or "") + text
    site.ops.append({"op": "append", "path": path, "content": text})


@step(r'^I delete the file "(.*)"$')
def delete_file(site, st, file):
    path = site.norm(file)
    site.files.pop(path, None)
    site.ops.append({"op": "delete", "path": path})


@step(r'^the (.*) directory should +(not )?exist$')
def dir_exists(site, st, path, negative):
    site.ops.append({"op": "exists", "path": site.norm(path), "negate": negative is not None})


def see(site, file, regex, negate, dotall=True):
    site.ops.append({"op": "exists", "path": site.norm(file), "negate": False})
    flags = "(?ms)" if dotall else "(?m)"
    site.ops.append({"op": "see", "path": site.norm(file), "regex": flags + ruby_regex_to_rust(regex), "negate": negate})


@step(r'^I should (not )?see "(.*)" in "(.*)"$')
def should_see(site, st, negative, text, file):
    see(site, file, text, bool(negative))


@step(r'^I should (not )?see "(.*)" in "(.*)" if on Windows$')
def should_see_windows(site, st, negative, text, file):
    if negative:
        site.ops.append({"op": "exists", "path": site.norm(file), "negate": False})
    else:
        see(site, file, text, True)


@step(r'^I should (not )?see "(.*)" in "(.*)" unless Windows$')
def should_see_unless_windows(site, st, negative, text, file):
    if negative:
        site.ops.append({"op": "exists", "path": site.norm(file), "negate": False})
    else:
        see(site, file, text, False)


@step(r'^I should see date "(.*)" in "(.*)" unless Windows$')
def should_see_date(site, st, text, file):
    see(site, file, text, False, dotall=False)


@step(r'^I should see date "(.*)" in "(.*)" if on Windows$')
def should_see_date_windows(site, st, text, file):
    see(site, file, text, True, dotall=False)


@step(r'^I should see exactly "(.*)" in "(.*)"$')
def should_see_exactly(site, st, text, file):
    site.ops.append({"op": "exists", "path": site.norm(file), "negate": False})
    site.ops.append({"op": "exactly", "path": site.norm(file), "text": text})


@step(r'^I should see escaped "(.*)" in "(.*)"$')
def should_see_escaped(site, st, text, file):
    site.ops.append({"op": "exists", "path": site.norm(file), "negate": False})
    site.ops.append({"op": "see", "path": site.norm(file), "regex": "(?ms)" + ruby_regexp_escape(text), "negate": False})


@step(r'^the "(.*)" file should +(not )?exist$')
def file_exists(site, st, path, negative):
    site.ops.append({"op": "exists", "path": site.norm(path), "negate": negative is not None})


@step(r"^I should see today's time in \"(.*)\"$")
def today_time(site, st, file):
    pin_now(site)
    site.ops.append({"op": "exists", "path": site.norm(file), "negate": False})
    site.ops.append({"op": "today", "path": site.norm(file), "what": "time", "tz": site.tz})


@step(r"^I should see today's date in \"(.*)\"$")
def today_date(site, st, file):
    pin_now(site)
    site.ops.append({"op": "exists", "path": site.norm(file), "negate": False})
    site.ops.append({"op": "today", "path": site.norm(file), "what": "date", "tz": site.tz})


def pin_now(site):
    """"Today" is the build's clock: the runner pins it with SOURCE_DATE_EPOCH
    so that the assertion cannot straddle a minute or a midnight."""
    runs = [op for op in site.ops if op["op"] == "run"]
    if runs:
        runs[-1]["pin_now"] = True


@step(r'^I should (not )?see "(.*)" in the build output$')
def see_output(site, st, negative, text):
    site.ops.append({"op": "output", "regex": "(?m)" + ruby_regex_to_rust(text), "negate": bool(negative)})


@step(r'^I should get an updated git index$')
def git_index(site, st):
    raise Unconvertible("checks a git index (theme gem)")


@step(r'^I should get a zero exit(?:\-| )status$')
def zero_exit(site, st):
    site.ops.append({"op": "exit", "zero": True})


@step(r'^I should get a non-zero exit(?:\-| )status$')
def nonzero_exit(site, st):
    site.ops.append({"op": "exit", "zero": False})


# ---------------------------------------------------------------- what hyde can't run


def check_config_needs(config):
    if "theme" in config:
        raise Unconvertible(f"theme gem ({config['theme']})")
    for key in ("plugins", "gems"):
        names = config.get(key) or []
        names = names if isinstance(names, list) else [names]
        extra = [n for n in names if n not in BUILTIN_PLUGINS]
        if extra:
            raise Unconvertible(f"gem plugin ({', '.join(map(str, extra))})")


def check_config_text(text):
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    if isinstance(config, dict):
        check_config_needs(config)


# Operations that check something; each carries the Gherkin step it comes from.
ASSERTIONS = {"exit", "exists", "see", "exactly", "output", "today"}


def convert_scenario(steps, fixtures):
    site = Site(fixtures)
    for st in steps:
        matches = [(rx, fn) for rx, fn in STEPS if rx.search(st.text)]
        if not matches:
            raise Unconvertible(f"undefined step: {st.text}")
        rx, fn = matches[0]
        first = len(site.ops)
        fn(site, st, *rx.search(st.text).groups())
        for op in site.ops[first:]:
            if op["op"] in ASSERTIONS:
                op["step"] = st.text
    if not any(op["op"] == "run" for op in site.ops):
        raise Unconvertible("never runs jekyll build")
    return site.ops


def convert_all(features_dir, fixtures):
    result = {}
    for path in sorted(Path(features_dir).glob("*.feature")):
        feature = {"feature": path.name, "scenarios": [], "skipped": []}
        if path.name == "hooks.feature":
            reason = "Ruby hooks (_plugins)"
        else:
            reason = None
        for name, line, steps in parse_feature(path):
            try:
                if reason:
                    raise Unconvertible(reason)
                ops = convert_scenario(steps, fixtures)
                feature["scenarios"].append({"name": name, "line": line, "ops": ops})
            except Unconvertible as why:
                feature["skipped"].append({"name": name, "line": line, "reason": str(why)})
        result[path.stem] = feature
    return result


# ---------------------------------------------------------------- verification with Jekyll


def replay(case, command, workdir, trees):
    """Replays a case with `command` (e.g. jekyll); returns the first failure or None.
    Mirrors tests/jekyll_scenarios.rs, to check the conversion against Jekyll itself."""
    output, status, now = "", None, None
    for op in case["ops"]:
        kind = op["op"]
        path = workdir / op["path"] if "path" in op else None
        if kind == "mkdir":
            path.mkdir(parents=True, exist_ok=True)
        elif kind == "write":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(op["content"], encoding="utf-8")
        elif kind == "append":
            with open(path, "a", encoding="utf-8") as f:
                f.write(op["content"])
        elif kind == "fixture":
            for entry in trees[op["name"]]:
                full = path / entry["path"]
                full.parent.mkdir(parents=True, exist_ok=True)
                if "symlink" in entry:
                    full.symlink_to(entry["symlink"])
                else:
                    full.write_text(entry["content"], encoding="utf-8")
        elif kind == "delete":
            path.unlink()
        elif kind == "sleep":
            time.sleep(op["seconds"])
        elif kind == "run":
            # Jekyll's CI runs under `bundle exec`: a Gemfile in the site must not load bundler.
            env = dict(os.environ, TZ=op.get("tz", "UTC"), JEKYLL_NO_BUNDLER_REQUIRE="true")
            env.pop("SOURCE_DATE_EPOCH", None)
            proc = subprocess.run(command + op["args"] + ["--trace"], cwd=workdir, env=env,
                                  capture_output=True, text=True, timeout=120)
            status = proc.returncode
            output = f"$ jekyll {' '.join(op['args'])} --trace\n{proc.stdout.strip()}{proc.stderr.strip()}\nEXIT STATUS: {status}"
            now = datetime.datetime.now(zoneinfo.ZoneInfo(op.get("tz", "UTC")))
        else:
            failure = check(op, path, output, status, now)
            if failure:
                return failure
    return None


def check(op, path, output, status, now):
    kind = op["op"]
    if kind == "exit":
        ok = (status == 0) == op["zero"]
        return None if ok else f"exit status {status}, wanted {'zero' if op['zero'] else 'non-zero'}\n{output[-1500:]}"
    if kind == "exists":
        ok = os.path.exists(path) != op["negate"]
        return None if ok else f"{op['path']} should {'not ' if op['negate'] else ''}exist"
    if kind in ("see", "exactly", "today"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if kind == "exactly":
            ok = text.strip() == op["text"]
        elif kind == "today":
            ok = now.strftime("%Y-%m-%d" if op["what"] == "date" else "%H:%M") in text
        else:
            ok = bool(re.search(rust_to_python(op["regex"]), text)) != op["negate"]
        return None if ok else f"{kind} {op.get('regex') or op.get('text') or op['what']!r} in {op['path']}: {text[:300]!r}"
    if kind == "output":
        ok = bool(re.search(rust_to_python(op["regex"]), output)) != op["negate"]
        return None if ok else f"output {op['regex']!r}:\n{output[-1500:]}"
    raise SystemExit(f"unknown op {kind}")


def rust_to_python(rx):
    return rx.replace("\\z", "\\Z")


def verify(cases, command, only, trees, keep=None):
    failures = 0
    for feature in cases.values():
        for case in feature["scenarios"]:
            if only and only not in f"{feature['feature']}:{case['line']} {case['name']}":
                continue
            if keep:
                tmp = Path(keep) / f"{feature['feature'].split('.')[0]}-{case['line']}-{len(os.listdir(keep))}"
                tmp.mkdir(parents=True)
                failure = replay(case, command, tmp, trees)
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    failure = replay(case, command, Path(tmp), trees)
            if failure:
                failures += 1
                print(f"FAIL {feature['feature']}:{case['line']} {case['name']}\n    {failure}")
    print(f"jekyll replay: {failures} failures")


def dump_feature(feature):
    """JSON with one operation per line, so that regenerated data diffs well."""
    line = lambda value: json.dumps(value, ensure_ascii=False)
    cases = []
    for case in feature["scenarios"]:
        ops = ",\n    ".join(line(op) for op in case["ops"])
        cases.append(f'  {{"name": {line(case["name"])}, "line": {case["line"]}, "ops": [\n    {ops}\n  ]}}')
    skipped = ",\n  ".join(line(s) for s in feature["skipped"])
    return (f'{{"feature": {line(feature["feature"])},\n"scenarios": [\n' + ",\n".join(cases)
            + f'\n],\n"skipped": [\n  {skipped}\n]}}\n')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("features", nargs="?", default=DEFAULT_FEATURES)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "tests" / "scenarios"))
    parser.add_argument("--verify-jekyll", action="store_true", help="replay the cases with real Jekyll instead of writing")
    parser.add_argument("--jekyll", default="jekyll")
    parser.add_argument("--only", help="with --verify-jekyll: only scenarios whose name contains this")
    parser.add_argument("--keep", help="with --verify-jekyll: keep each replayed site under this directory")
    args = parser.parse_args()
    fixtures = Path(args.features).resolve().parent / "test" / "source"
    cases = convert_all(args.features, fixtures)
    trees = {name: fixture_tree(fixtures, name) for name in FIXTURE_COLLECTIONS}
    if args.verify_jekyll:
        verify(cases, args.jekyll.split(), args.only, trees, args.keep)
        return
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    (out / FIXTURES_FILE).write_text(json.dumps(trees, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    converted = skipped = 0
    reasons = {}
    for stem, feature in cases.items():
        (out / f"{stem}.json").write_text(dump_feature(feature), encoding="utf-8")
        converted += len(feature["scenarios"])
        skipped += len(feature["skipped"])
        for s in feature["skipped"]:
            reasons[s["reason"]] = reasons.get(s["reason"], 0) + 1
    print(f"converted {converted}/{converted + skipped} scenarios; skipped {skipped}:")
    for reason, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:3}  {reason}")


if __name__ == "__main__":
    sys.exit(main())
