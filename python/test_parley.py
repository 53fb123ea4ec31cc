"""Tests of the Python module `parley` against the `parley` command.

Run by ctest (python/CMakeLists.txt) as
    PYTHONPATH=build/python /usr/bin/python3 -m pytest python/test_parley.py
from the repository root, with PARLEY_BINARY naming the command and
PARLEY_SHARED_DIR the shared data folder. Every answer of the module is
compared with the command's `--json` output for the same input.
"""
import json
import os
import pathlib
import subprocess
import sys
import threading
import time

import pytest

import parley

ROOT = pathlib.Path(__file__).resolve().parent.parent
PARLEY = os.environ.get("PARLEY_BINARY", str(ROOT / "build" / "src" / "parley" / "cli" / "parley"))
SHARED = pathlib.Path(os.environ.get("PARLEY_SHARED_DIR", ROOT.parent / "shared"))

CEASEFIRE = "examples/ceasefire.json"
DIVORCE = "examples/divorce.json"
DIVORCE_OUTCOME = "tests/golden/divorce-outcome.json"


def cli(*args):
    """The `parley` command's exit code and parsed --json output."""
    run = subprocess.run([PARLEY, *args, "--json"], capture_output=True, text=True, cwd=ROOT, check=False)
    return run.returncode, json.loads(run.stdout)


def timeless(answer):
    """An answer without the time it took, the one part that differs between runs."""
    return {key: value for key, value in answer.items() if key != "seconds"}


def load(path):
    with open(ROOT / path, encoding="utf-8") as f:
        return json.load(f)


def test_solve_matches_the_command():
    r = parley.solve(CEASEFIRE, method="nash")
    code, expected = cli("solve", CEASEFIRE)
    assert code == 0
    assert timeless(r) == timeless(expected)
    assert r["status"] == "optimal"
    assert r["utilities"] == {"a": 0.7, "b": 0.664}
    assert r["utilities_exact"] == {"a": "7/10", "b": "83/125"}  # exact values stay strings
    assert r["outcome"]["ceasefire_days"] == 30 and type(r["outcome"]["ceasefire_days"]) is int
    assert r["outcome"]["monitoring"] == "un_mission"
    assert type(r["utilities"]["a"]) is float
    assert r["properties"]["pareto_optimal"] is True
    assert isinstance(r["seconds"], float)


@pytest.mark.parametrize("scenario,method", [
    (CEASEFIRE, "ks"),
    (DIVORCE, "aw"),
    (DIVORCE, "leximin"),
    (DIVORCE, "round-robin"),
    (DIVORCE, "envy-cycle"),
    (CEASEFIRE, "utilitarian"),
])
def test_other_methods_match_the_command(scenario, method):
    code, expected = cli("solve", scenario, "--method", method)
    assert code == 0
    r = parley.solve(scenario, method=method)
    assert r["method"] == method
    assert timeless(r) == timeless(expected)


def test_package_optimiser_options_match_the_command():
    code, expected = cli("solve", CEASEFIRE, "--mip", "--contiguity", "flow")
    assert code == 0
    r = parley.solve(CEASEFIRE, mip=True, contiguity="flow")
    assert timeless(r) == timeless(expected)
    assert r["utilities"] == {"a": 0.7, "b": 0.664}


def test_a_dict_gives_the_same_answer_as_its_file():
    from_path = parley.solve(CEASEFIRE)
    assert timeless(parley.solve(load(CEASEFIRE))) == timeless(from_path)
    assert timeless(parley.solve(pathlib.Path(CEASEFIRE))) == timeless(from_path)  # os.PathLike
    assert timeless(parley.solve(CEASEFIRE.encode())) == timeless(from_path)        # bytes
    assert parley.validate(load(DIVORCE)) == parley.validate(DIVORCE)


def test_frontier_matches_the_command():
    f = parley.frontier(CEASEFIRE, limit=3)
    code, expected = cli("frontier", CEASEFIRE, "--limit", "3")
    assert code == 0
    assert timeless(f) == timeless(expected)
    assert f["count"] == 76
    assert len(f["points"]) == 3
    assert f["points"][0]["utilities"] == {"a": 0.867, "b": 0.4}
    assert all("outcome" in p for p in f["points"])

    full = parley.frontier(CEASEFIRE)
    code, expected = cli("frontier", CEASEFIRE)
    assert timeless(full) == timeless(expected)
    assert full["count"] == len(full["points"]) == 76
    # The Nash point of the frontier is the package solve recommends.
    assert full["nash"]["utilities"] == parley.solve(CEASEFIRE)["utilities"]


def test_evaluate_matches_the_command():
    e = parley.evaluate(DIVORCE, DIVORCE_OUTCOME)
    code, expected = cli("evaluate", DIVORCE, "--outcome", DIVORCE_OUTCOME)
    assert code == 0
    assert timeless(e) == timeless(expected)
    assert e["utilities"] == {"alex": 0.595, "sam": 0.63}
    assert e["utilities_exact"] == {"alex": "119/200", "sam": "63/100"}
    assert e["properties"]["envy_free"] is True
    assert e["witnesses"]["equitable"]["most"] == "sam"
    # The outcome as a dict, and both as dicts.
    assert timeless(parley.evaluate(DIVORCE, load(DIVORCE_OUTCOME))) == timeless(e)
    assert timeless(parley.evaluate(load(DIVORCE), load(DIVORCE_OUTCOME))) == timeless(e)


def test_validate_matches_the_command():
    v = parley.validate(CEASEFIRE)
    code, expected = cli("validate", CEASEFIRE)
    assert code == 0
    assert v == expected
    assert v["valid"] is True
    assert (v["parties"], v["issues"], v["outcomes"], v["outcomes_exact"]) == (2, 16, "2.2e7", "21676032")


def test_invalid_scenario_names_the_pointer(tmp_path):
    bad = load(CEASEFIRE)
    bad["issues"][0]["kind"] = "itme"
    bad["preferences"]["b"]["reservation"] = 1.3
    with pytest.raises(parley.InvalidScenario) as caught:
        parley.solve(bad)
    e = caught.value
    assert isinstance(e, ValueError)
    assert e.source == "<dict>"
    pointers = [error["pointer"] for error in e.errors]
    assert pointers == ["/issues/0/kind", "/preferences/b/reservation"]
    assert 'did you mean "item"' in e.errors[0]["message"]
    assert str(e).splitlines()[0].startswith("<dict>: /issues/0/kind: unknown issue kind")
    assert len(str(e).splitlines()) == 2

    # The same mistakes in a file: the errors of `validate --json`, and the file named.
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    code, expected = cli("validate", str(path))
    assert code == 2
    for call in (parley.validate, parley.solve, parley.frontier):
        with pytest.raises(parley.InvalidScenario) as caught:
            call(path)
        assert caught.value.errors == expected["errors"]
        assert caught.value.source == str(path)


def test_invalid_outcome_is_invalid_input():
    outcome = load(DIVORCE_OUTCOME)
    first = next(iter(outcome))
    outcome[first] = "nobody"
    with pytest.raises(parley.InvalidScenario) as caught:
        parley.evaluate(DIVORCE, outcome)
    assert caught.value.source == "<outcome dict>"
    assert caught.value.errors[0]["pointer"] == "/" + first


def test_a_map_beside_the_file_is_found():
    # river-valley.json names its GeoJSON map relative to its own folder.
    assert parley.validate("examples/river-valley.json")["valid"] is True
    # A dict has no folder: a relative map path is relative to the working directory.
    with pytest.raises(parley.InvalidScenario) as caught:
        parley.validate(load("examples/river-valley.json"))
    assert caught.value.errors[0]["pointer"] == "/map/geojson"


def test_a_missing_file_raises_parley_error():
    with pytest.raises(parley.ParleyError) as caught:
        parley.solve("examples/no-such-file.json")
    e = caught.value
    assert isinstance(e, RuntimeError) and not isinstance(e, parley.InvalidScenario)
    assert e.source == "examples/no-such-file.json"
    code, expected = cli("solve", "examples/no-such-file.json")
    assert code == 1
    assert str(e) == "examples/no-such-file.json: " + expected["message"]
    with pytest.raises(parley.ParleyError):
        parley.evaluate(DIVORCE, "tests/golden/no-such-outcome.json")


def test_an_unsupported_request_raises_parley_error():
    # Adjusted Winner divides between two parties; inheritance has four.
    with pytest.raises(parley.ParleyError) as caught:
        parley.solve("examples/inheritance.json", method="aw")
    assert not isinstance(caught.value, parley.InternalError)
    assert "Adjusted Winner (aw) divides between two parties" in str(caught.value)
    assert caught.value.errors[0]["pointer"] == "/parties"


def test_error_types():
    assert issubclass(parley.InvalidScenario, ValueError)
    assert issubclass(parley.ParleyError, RuntimeError)
    assert issubclass(parley.InternalError, parley.ParleyError)
    assert not issubclass(parley.InvalidScenario, parley.ParleyError)


def test_bad_arguments_raise_before_anything_runs():
    with pytest.raises(ValueError, match="unknown method \"nsh\""):
        parley.solve(CEASEFIRE, method="nsh")
    with pytest.raises(ValueError, match="contiguity"):
        parley.solve(CEASEFIRE, contiguity="rows")
    for limit in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="time_limit"):
            parley.solve(CEASEFIRE, time_limit=limit)
    with pytest.raises(ValueError, match="limit"):
        parley.frontier(CEASEFIRE, limit=0)
    with pytest.raises(TypeError, match="scenario must be a dict or a path"):
        parley.validate(42)
    with pytest.raises(TypeError, match="each of profile_paths must be a path"):
        parley.import_genius("domain.xml", [1, 2])
    with pytest.raises(ValueError):  # NaN is not JSON
        parley.evaluate(DIVORCE, {"x": float("nan")})


@pytest.fixture(scope="module")
def slow_scenario(tmp_path_factory):
    """4 parties, 12 issues of 8 values (imported from Genius files the shared
    generator writes): the frontier takes far longer than a millisecond."""
    generator = SHARED / "bench" / "gen_synth.py"
    if not generator.exists():
        pytest.skip(f"{generator} is missing (the shared folder)")
    folder = tmp_path_factory.mktemp("synth")
    subprocess.run([sys.executable, str(generator), str(folder), "12", "8", "1", "4"], check=True)
    return parley.import_genius(folder / "domain.xml", [folder / f"prof{k}.xml" for k in range(1, 5)])


def test_a_time_limit_is_a_status_not_an_error(slow_scenario):
    assert parley.frontier(slow_scenario, time_limit=0.001)["status"] == "time_limit"
    r = parley.solve(slow_scenario, time_limit=0.001)
    assert r["status"] == "time_limit"
    assert "outcome" not in r or r["outcome"] is None


def test_the_gil_is_released_during_a_computation(slow_scenario):
    # While one thread computes, another runs Python: with the GIL held it
    # could not take a single step until the call returned.
    span = {}

    def compute():
        span["start"] = time.monotonic()
        span["status"] = parley.frontier(slow_scenario, time_limit=1.0).get("status", "complete")
        span["end"] = time.monotonic()

    worker = threading.Thread(target=compute)
    steps = []
    worker.start()
    while worker.is_alive():
        steps.append(time.monotonic())
        time.sleep(0.001)
    worker.join()
    assert span["status"] == "time_limit"  # the scenario takes far longer than a second
    assert span["end"] - span["start"] > 0.5
    during = [t for t in steps if span["start"] + 0.1 < t < span["end"] - 0.1]
    assert len(during) > 50


def test_concurrent_calls_give_the_sequential_answers():
    sequential = [timeless(parley.solve(CEASEFIRE, method=m)) for m in ("nash", "ks")]
    answers = [None, None]

    def run(k, method):
        answers[k] = timeless(parley.solve(CEASEFIRE, method=method))

    threads = [threading.Thread(target=run, args=(k, m)) for k, m in enumerate(("nash", "ks"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == sequential


def shared_file(relative):
    path = SHARED / "data" / "genius" / relative
    if not path.exists():
        pytest.skip(f"{path} is missing (the shared folder)")
    return path


def golden_scenario(name):
    # The golden files name the shared folder ../shared/, wherever it is.
    text = (ROOT / "tests" / "genius" / "golden" / name).read_text(encoding="utf-8")
    return json.loads(text.replace("../shared/", str(SHARED) + "/"))


def test_import_genius_gives_the_scenario_the_command_writes():
    jobs = shared_file("Jobs")
    s = parley.import_genius(jobs / "Jobs.xml", [jobs / "Jobs_util1.xml", jobs / "Jobs_util2.xml"])
    assert s == golden_scenario("import-genius-jobs.scenario.json")
    assert [p["id"] for p in s["parties"]] == ["Jobs_util1", "Jobs_util2"]
    assert parley.validate(s)["outcomes"] == "540"
    assert parley.solve(s)["status"] == "optimal"


def test_import_geniusweb_gives_the_scenario_the_command_writes():
    folder = shared_file("GeniusWeb_JSON_Party")
    s = parley.import_geniusweb([folder / "party1.json", folder / "party2.json"], domain=folder / "party.json")
    assert s == golden_scenario("import-geniusweb-party-json.scenario.json")


def test_import_errors():
    jobs = shared_file("Jobs")
    with pytest.raises(parley.ParleyError) as caught:
        parley.import_genius(jobs / "Jobs.xml", [jobs / "Jobs_util1.xml", jobs / "missing.xml"])
    assert caught.value.source == str(jobs / "missing.xml")
    # A profile given as the domain: invalid input, located in the file.
    with pytest.raises(parley.InvalidScenario) as caught:
        parley.import_genius(jobs / "Jobs_util1.xml", [jobs / "Jobs.xml", jobs / "Jobs_util2.xml"])
    assert caught.value.errors
