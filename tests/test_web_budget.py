"""Issue 11's budget: the first page's JavaScript is under 250 KB gzipped. `make bench` prints
the figures (benchmarks/bundle_size.py); this checks the committed bundle keeps to it and that
the benchmark still reads it."""

from __future__ import annotations

from benchmarks import bundle_size


def test_the_first_page_javascript_is_under_the_budget(capsys):
    scripts = bundle_size.page_scripts("index.html")
    assert scripts, "index.html loads no script: the benchmark would measure nothing"
    _, gzipped = bundle_size.sizes("index.html")
    assert 0 < gzipped < bundle_size.BUDGET_KB * 1000
    bundle_size.main()
    assert f"under the {bundle_size.BUDGET_KB} KB budget" in capsys.readouterr().out
