#!/usr/bin/python3
"""Validates ckptcheck's JSON outputs against their schemas.

Usage: validate_schemas.py SCHEMA_DIR SARIF_SCHEMA DOCUMENT_DIR

Each DOCUMENT_DIR/*.json is checked against the schema its name starts with:
report*, modelspec*, inventory*, manifest*, baseline*
(schemas/<kind>-v1.schema.json), gitlab* (schemas/gitlab-codequality.schema.json) or sarif*
(the official SARIF 2.1.0 schema). A document that is an array is checked
item by item (`inspect` of several files writes one). Before that, a few
documents broken on purpose must fail, so a lax schema or a validator that
accepts everything cannot pass this test.
Uses Debian's python3-jsonschema (4.10 on bookworm), offline.
"""
import copy
import json
import pathlib
import sys

import jsonschema


def validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors_of(v, document):
    """A list is `inspect` of several files, checked item by item, unless its
    schema is of a list itself (GitLab's Code Quality report)."""
    items = document if isinstance(document, list) and v.schema.get("type") != "array" else [document]
    return [e for item in items for e in v.iter_errors(item)]


def must_fail(v, document, why):
    if not errors_of(v, document):
        sys.exit(f"FAIL: the schema accepts a document with {why}")


def check_strictness(report_v, sarif_v, report, sarif):
    """The schemas must reject what the contract forbids."""
    extra = copy.deepcopy(report)
    extra["surprise"] = 1
    must_fail(report_v, extra, "an unknown top-level field")
    if report["findings"]:
        f = copy.deepcopy(report)
        f["findings"][0]["id"] = "CK999"
        must_fail(report_v, f, "a rule id outside the catalog")
        f = copy.deepcopy(report)
        f["findings"][0]["severity"] = "fatal"
        must_fail(report_v, f, "an unknown severity")
        f = copy.deepcopy(report)
        f["findings"][0]["colour"] = "red"
        must_fail(report_v, f, "an unknown finding field")
        f = copy.deepcopy(report)
        del f["findings"][0]["location"]
        must_fail(report_v, f, "a finding without its location field")
    s = copy.deepcopy(sarif)
    s["version"] = "2.0.0"
    must_fail(sarif_v, s, "SARIF version 2.0.0")
    s = copy.deepcopy(sarif)
    if s["runs"][0]["results"]:
        s["runs"][0]["results"][0]["level"] = "fatal"
        must_fail(sarif_v, s, "a SARIF result level outside the standard's")


def main():
    schema_dir, sarif_schema, doc_dir = map(pathlib.Path, sys.argv[1:4])
    if not sarif_schema.is_file():
        sys.exit(f"FAIL: no SARIF 2.1.0 schema at {sarif_schema}; run ci/setup.sh (ci/sarif_schema.sh installs it)")
    validators = {
        kind: validator(json.loads((schema_dir / f"{kind}-v1.schema.json").read_text()))
        for kind in ("report", "modelspec", "inventory", "manifest", "baseline")
    }
    validators["gitlab"] = validator(json.loads((schema_dir / "gitlab-codequality.schema.json").read_text()))
    validators["sarif"] = validator(json.loads(sarif_schema.read_text()))

    documents = sorted(doc_dir.glob("*.json"))
    seen = {kind: 0 for kind in validators}
    failed = 0
    for path in documents:
        kind = next((k for k in validators if path.name.startswith(k)), None)
        if kind is None:
            sys.exit(f"FAIL: {path.name}: no schema for this name")
        document = json.loads(path.read_text())
        seen[kind] += 1
        for e in errors_of(validators[kind], document):
            failed += 1
            print(f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    for kind, n in seen.items():
        if n == 0:
            sys.exit(f"FAIL: no {kind} document to validate in {doc_dir}")

    report = json.loads(next(p for p in documents if p.name.startswith("report_breakage")).read_text())
    sarif = json.loads(next(p for p in documents if p.name.startswith("sarif_breakage")).read_text())
    check_strictness(validators["report"], validators["sarif"], report, sarif)
    gitlab = json.loads(next(p for p in documents if p.name.startswith("gitlab_breakage")).read_text())
    g = copy.deepcopy(gitlab)
    g[0]["severity"] = "error"
    must_fail(validators["gitlab"], g, "a Code Quality severity GitLab does not know")
    g = copy.deepcopy(gitlab)
    del g[0]["location"]["lines"]
    must_fail(validators["gitlab"], g, "a Code Quality issue without its line")

    if failed:
        sys.exit(f"FAIL: {failed} schema violations in {len(documents)} documents")
    print(f"{len(documents)} documents valid: {seen}")


if __name__ == "__main__":
    main()
