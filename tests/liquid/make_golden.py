#!/usr/bin/env python3
"""Regenerates tests/liquid/golden.json from the shared Golden Liquid results
(golden_liquid_jekyll.json: jg-rp/golden-liquid run through Jekyll 4.3.1 with
Liquid 4.0.4 and with Liquid 5.4.0).

Each case keeps its template, data and partials, Jekyll + Liquid 4's answer
(`output`, or `error: true`), and, for cases needing Liquid 5 (`min_liquid` >
4.0), `min_liquid`, Jekyll + Liquid 5's answer (`liquid5`) and the suite's
own answer (`reference`: what Liquid gives with a file system, e.g. for `render`).

Usage: tests/liquid/make_golden.py [SHARED_RESULTS_JSON]
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
default = os.path.join(here, "../../../shared/conformance/golden-liquid-results/golden_liquid_jekyll.json")
src = sys.argv[1] if len(sys.argv) > 1 else default


def answer(a):
    return {"error": True} if a["error"] else {"output": a["output"]}


cases = []
for case in json.load(open(src))["tests"]:
    out = {"name": case["name"], "template": case["template"]}
    if case.get("data"):
        out["data"] = case["data"]
    if case.get("templates"):
        out["templates"] = case["templates"]
    out.update(answer(case["jekyll_liquid4"]))
    if case["min_liquid"] != "4.0":
        out["min_liquid"] = case["min_liquid"]
        out["liquid5"] = answer(case["jekyll_liquid5"])
        if "result" in case:
            out["reference"] = {"output": case["result"]}
        elif case.get("invalid"):
            out["reference"] = {"error": True}
    cases.append(out)

doc = {
    "source": "jg-rp/golden-liquid @389a298 (MIT); answers = Jekyll 4.3.1 + Liquid 4.0.4 "
    "(output/error) and, for min_liquid > 4.0, Jekyll 4.3.1 + Liquid 5.4.0 (liquid5); "
    "made by tests/liquid/make_golden.py from shared/conformance/golden-liquid-results",
    "tests": cases,
}
with open(os.path.join(here, "golden.json"), "w") as f:
    json.dump(doc, f, indent=0, ensure_ascii=False)
    f.write("\n")
