// parley for Python: the facade (parley/parley.h) as the module `parley`.
//
//   import parley
//   r = parley.solve("examples/ceasefire.json", method="nash")   # the dict of `parley solve --json`
//   print(r["status"], r["utilities"])
//   try:
//       parley.validate({"parley": 1, "parties": [...], "issues": [{"id": "x", "kind": "itme"}]})
//   except parley.InvalidScenario as e:
//       print(e.errors)   # [{"pointer": "/issues/0/kind", "message": "unknown issue kind ..."}]
//
// As thin as the command line (src/parley/cli/): each function parses its
// arguments, calls the facade with the GIL released, and converts the
// response's JSON form (io/response_json.h, the `--json` output of docs/cli.md)
// to Python objects. A scenario is a dict (the file's content, serialised with
// Python's json module and read by read_scenario_text) or a path (read by
// read_scenario_file, so a GeoJSON map beside the file is found).
//
// Errors, one Python type per FailureKind: invalid input raises InvalidScenario
// (a ValueError), an input that cannot be read or handled ParleyError (a
// RuntimeError), an answer that failed parley's own verification InternalError
// (a ParleyError). Each carries .source and .errors (the `--json` error
// objects). A time limit is not an error: it is the response's "status".
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parley/parley.h"

namespace py = pybind11;

namespace {

using parley::Failure;
using parley::FailureKind;
using parley::Result;
using parley::Scenario;
using parley::json::Value;

// The exception types, created once at import and kept for the interpreter's life.
PyObject* parley_error = nullptr;
PyObject* invalid_scenario = nullptr;
PyObject* internal_error = nullptr;

// Text from parley (messages, ids, paths as given) as a Python str; bytes that
// are not UTF-8 (a path) become U+FFFD rather than an exception.
py::str text(const std::string& s) {
  return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
}

// A JSON number keeps the text it was written with: integers become int, the
// rest float, as Python's json.loads reads them.
py::object number(const std::string& json_text) {
  PyObject* n = json_text.find_first_of(".eE") == std::string::npos
                    ? PyLong_FromString(json_text.c_str(), nullptr, 10)
                    : PyFloat_FromString(text(json_text).ptr());
  if (n == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(n);
}

py::object to_python(const Value& v) {
  switch (v.type()) {
    case parley::json::Type::null: return py::none();
    case parley::json::Type::boolean: return py::bool_(v.as_bool());
    case parley::json::Type::number: return number(v.text());
    case parley::json::Type::string: return text(v.text());
    case parley::json::Type::array: {
      py::list list;
      for (const Value& item : v.items()) list.append(to_python(item));
      return list;
    }
    case parley::json::Type::object: {
      py::dict dict;
      for (const auto& [key, value] : v.members()) dict[text(key)] = to_python(value);
      return dict;
    }
  }
  return py::none();
}

// Raises the Python exception for a failure: str() lists every problem as
// `SOURCE: /pointer: message`, one a line; .errors holds them as dicts.
[[noreturn]] void raise_failure(const Failure& f) {
  PyObject* type = f.kind == FailureKind::invalid_input ? invalid_scenario
                   : f.kind == FailureKind::internal    ? internal_error
                                                        : parley_error;
  std::string message;
  for (const parley::Diagnostic& d : f.diagnostics) {
    message += (message.empty() ? "" : "\n") + (d.source.empty() ? f.source : d.source) + ": " +
               (d.pointer.empty() ? "" : d.pointer + ": ") + d.message;
  }
  // The error objects of `--json` for invalid input (with "file" for a problem
  // in a GeoJSON map), for every kind of failure.
  Failure listed = f;
  listed.kind = FailureKind::invalid_input;
  py::object errors = to_python(*parley::failure_to_json(listed).find("errors"));
  py::object exception = py::reinterpret_borrow<py::object>(type)(text(message));
  exception.attr("source") = text(f.source);
  exception.attr("errors") = std::move(errors);
  PyErr_SetObject(type, exception.ptr());
  throw py::error_already_set();
}

// Runs a call of the facade with the GIL released and returns the JSON form of
// its answer. An exception escaping the library is a bug in parley, as for
// the command line (exit 4): an internal failure. A failure that names no
// input names `source`.
template <typename Call>
py::object call(const std::string& source, Call&& compute) {
  Result<Value> answer = [&]() -> Result<Value> {
    py::gil_scoped_release released;
    try {
      return compute();
    } catch (const std::bad_alloc&) {
      throw;  // MemoryError
    } catch (const std::exception& e) {
      return Failure{"parley", {{"", std::string("internal error: ") + e.what()}}, FailureKind::internal};
    }
  }();
  if (!answer) {
    Failure f = answer.failure();
    if (f.source.empty()) f.source = source;
    raise_failure(f);
  }
  return to_python(answer.value());
}

[[noreturn]] void wrong_type(const char* what, const char* expected, const py::handle& value) {
  throw py::type_error(std::string(what) + " must be " + expected + ", not " +
                       py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
}

bool is_path(const py::handle& value) {
  return py::isinstance<py::str>(value) || py::isinstance<py::bytes>(value) || py::hasattr(value, "__fspath__");
}

// A file system path from str, bytes or os.PathLike, as the bytes the OS sees.
std::string path_arg(const py::handle& path, const char* what) {
  if (!is_path(path)) wrong_type(what, "a path (str, bytes or os.PathLike)", path);
  return py::module_::import("os").attr("fsencode")(path).cast<std::string>();
}

// A JSON input: a dict's text (Python's json module, no NaN or infinity) or a path.
struct Input {
  std::string source;  // the path, or "<dict>"
  std::optional<std::string> text;
};

Input input_arg(const py::handle& value, const char* what, const char* dict_source) {
  if (py::isinstance<py::dict>(value)) {
    py::object dumps = py::module_::import("json").attr("dumps");
    return {dict_source, dumps(value, py::arg("allow_nan") = false).cast<std::string>()};
  }
  if (!is_path(value)) wrong_type(what, "a dict or a path (str, bytes or os.PathLike)", value);
  return {path_arg(value, what), std::nullopt};
}

Result<Scenario> read(const Input& scenario) {
  return scenario.text ? parley::read_scenario_text(*scenario.text, scenario.source)
                       : parley::read_scenario_file(scenario.source);
}

Result<parley::Outcome> read(const Input& outcome, const Scenario& s) {
  if (!outcome.text) return parley::read_outcome_file(outcome.source, s);
  Result<Value> doc = parley::json::parse(*outcome.text, outcome.source);
  if (!doc) return doc.failure();
  return parley::read_outcome(doc.value(), s, outcome.source);
}

double time_limit_arg(std::optional<double> seconds) {
  if (!seconds) return 0;
  if (!std::isfinite(*seconds) || *seconds <= 0) {
    throw py::value_error("time_limit must be a positive number of seconds, or None for no limit");
  }
  return *seconds;
}

// A list of paths; one path alone is a list of one, not a sequence of characters.
std::vector<std::string> paths_arg(const py::handle& paths) {
  if (is_path(paths)) return {path_arg(paths, "profile_paths")};
  std::vector<std::string> out;
  for (const py::handle& p : py::iter(paths)) out.push_back(path_arg(p, "each of profile_paths"));
  return out;
}

// Reads the scenario argument and computes on it, with the GIL released.
template <typename Compute>
py::object on_scenario(const py::object& scenario, Compute&& compute) {
  const Input in = input_arg(scenario, "scenario", "<dict>");
  return call(in.source, [&]() -> Result<Value> {
    Result<Scenario> s = read(in);
    if (!s) return s.failure();
    return compute(s.value());
  });
}

// ---- the functions ---------------------------------------------------------

py::object solve(const py::object& scenario, const std::string& method, std::optional<double> time_limit,
                 const std::string& contiguity, bool mip) {
  parley::SolveRequest request;
  const std::optional<parley::Method> m = parley::method_from_name(method);
  if (!m) throw py::value_error("unknown method \"" + method + "\"; methods: " + std::string(parley::method_names()));
  const std::optional<parley::optimise::Contiguity> c = parley::optimise::contiguity_from_name(contiguity);
  if (!c) throw py::value_error("unknown contiguity \"" + contiguity + "\"; cuts or flow");
  request.method = *m;
  request.contiguity = *c;
  request.time_limit = time_limit_arg(time_limit);
  request.force_optimiser = mip;
  return on_scenario(scenario, [&](const Scenario& s) -> Result<Value> {
    Result<parley::SolveResponse> r = parley::solve(s, request);
    if (!r) return r.failure();
    return parley::to_json(s, r.value());
  });
}

py::object frontier(const py::object& scenario, std::optional<double> time_limit, std::optional<long long> limit) {
  if (limit && *limit <= 0) throw py::value_error("limit must be a positive number of points, or None for all");
  // Outcomes for the first `limit` points, and those points listed (as `frontier --json --limit N`).
  const std::size_t shown = limit ? static_cast<std::size_t>(*limit) : 0;
  const parley::FrontierRequest request{.time_limit = time_limit_arg(time_limit), .outcomes = shown};
  return on_scenario(scenario, [&](const Scenario& s) -> Result<Value> {
    Result<parley::FrontierResponse> r = parley::frontier(s, request);
    if (!r) return r.failure();
    return parley::to_json(s, r.value(), shown);
  });
}

py::object evaluate(const py::object& scenario, const py::object& outcome, std::optional<double> time_limit) {
  const parley::EvaluateRequest request{.time_limit = time_limit_arg(time_limit)};
  const Input out = input_arg(outcome, "outcome", "<outcome dict>");
  return on_scenario(scenario, [&](const Scenario& s) -> Result<Value> {
    Result<parley::Outcome> o = read(out, s);
    if (!o) return o.failure();
    Result<parley::EvaluateResponse> r = parley::evaluate(s, o.value(), request);
    if (!r) return r.failure();
    return parley::to_json(s, r.value());
  });
}

py::object validate(const py::object& scenario) {
  return on_scenario(scenario, [](const Scenario& s) -> Result<Value> {
    return parley::to_json(parley::summarise(s), s);
  });
}

py::object import_genius(const py::object& domain_path, const py::object& profile_paths) {
  const std::string domain = path_arg(domain_path, "domain_path");
  const std::vector<std::string> profiles = paths_arg(profile_paths);
  if (profiles.empty()) throw py::value_error("import_genius needs at least one profile path");
  return call(domain, [&]() -> Result<Value> {
    Result<parley::Imported> r = parley::import_genius(domain, profiles);
    if (!r) return r.failure();
    return parley::scenario_to_json(r.value().scenario);
  });
}

py::object import_geniusweb(const py::object& profile_paths, const py::object& domain_path) {
  const std::vector<std::string> profiles = paths_arg(profile_paths);
  if (profiles.empty()) throw py::value_error("import_geniusweb needs at least one profile path");
  const std::string domain = domain_path.is_none() ? std::string() : path_arg(domain_path, "domain");
  return call(profiles.front(), [&]() -> Result<Value> {
    Result<parley::Imported> r = parley::import_geniusweb(profiles, domain);
    if (!r) return r.failure();
    return parley::scenario_to_json(r.value().scenario);
  });
}

PyObject* new_exception(py::module_& m, const char* name, PyObject* base, const char* doc) {
  const std::string qualified = std::string("parley.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;  // the new reference is kept for the interpreter's life
}

}  // namespace

PYBIND11_MODULE(parley, m) {
  m.doc() =
      "parley: negotiation analysis and mediation (the library facade).\n\n"
      "Each function takes a scenario as a dict (the scenario file's content) or a path, and returns the dict "
      "of the matching `parley ... --json` command (docs/cli.md). Invalid input raises InvalidScenario "
      "(a ValueError; .errors lists {'pointer', 'message'} dicts), an input that cannot be read or handled "
      "ParleyError, an answer that failed parley's own verification InternalError. A time limit is not an "
      "error: it is the result's 'status'.";
  m.attr("__version__") = PARLEY_VERSION;

  parley_error = new_exception(m, "ParleyError", PyExc_RuntimeError,
                               "A call that could not run: a missing or unreadable file, an unsupported input. "
                               ".source names the input, .errors lists the problems.");
  invalid_scenario = new_exception(m, "InvalidScenario", PyExc_ValueError,
                                   "Invalid input (a scenario, an outcome, a Genius file): .errors lists every "
                                   "problem as {'pointer': JSON Pointer, 'message': ...} ('file' too for a "
                                   "problem in a GeoJSON map), .source names the input.");
  internal_error = new_exception(m, "InternalError", parley_error,
                                 "An answer failed parley's own verification: a bug in parley, never in the input.");

  m.def("solve", &solve, py::arg("scenario"), py::arg("method") = "nash", py::arg("time_limit") = py::none(),
        py::arg("contiguity") = "cuts", py::arg("mip") = false,
        "The best outcome under a solution concept: the dict of `parley solve --json` (status, outcome, "
        "utilities, gains, properties, explanation, ...).\n\n"
        "method: nash, ks, egalitarian, utilitarian, mnw, leximin, aw, round-robin, envy-cycle, knaster or compensation. "
        "time_limit: seconds for the whole call (None: none); when it ends the search, 'status' says so. "
        "contiguity: 'cuts' or 'flow' (the package optimiser's formulation of contiguity rules). "
        "mip: use the package optimiser even where the frontier could be listed.");
  m.def("frontier", &frontier, py::arg("scenario"), py::arg("time_limit") = py::none(), py::arg("limit") = py::none(),
        "The exact Pareto frontier of the feasible, individually rational outcomes: the dict of "
        "`parley frontier --json` (parties, count, points, nash, ks, ...). limit: list only the first N points "
        "(count still says how many there are).");
  m.def("evaluate", &evaluate, py::arg("scenario"), py::arg("outcome"), py::arg("time_limit") = py::none(),
        "Utilities, gains, constraints and fairness of one outcome (a dict from issue id to value, or the path "
        "of an outcome file): the dict of `parley evaluate --json`.");
  m.def("validate", &validate, py::arg("scenario"),
        "Checks a scenario and summarises it: the dict of `parley validate --json` "
        "({'valid': True, 'parties', 'issues', 'outcomes', ...}). An invalid scenario raises InvalidScenario.");
  m.def("import_genius", &import_genius, py::arg("domain_path"), py::arg("profile_paths"),
        "Converts a Genius 10.4 XML domain and profiles (one party per profile, named after the file) to a "
        "scenario: the dict of the file `parley import genius` writes.");
  m.def("import_geniusweb", &import_geniusweb, py::arg("profile_paths"), py::arg("domain") = py::none(),
        "Converts GeniusWeb LinearAdditiveUtilitySpace JSON profiles (domain embedded, or given as `domain`) to "
        "a scenario: the dict of the file `parley import geniusweb` writes.");
}
