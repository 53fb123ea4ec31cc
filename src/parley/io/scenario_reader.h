// Reading and validating scenario and outcome files (docs/scenario-format.md).
//
//   Result<Scenario> s = read_scenario_file("examples/ceasefire.json");
//   if (!s) {
//     for (const Diagnostic& d : s.errors())           // every problem, in file order
//       std::cerr << s.failure().source << ": " << d.pointer << ": " << d.message << '\n';
//   }
//   Result<Outcome> o = read_outcome_file("package.json", s.value());
//
//   // A server: the scenario arrives as text and must carry its map inline
//   // ("geojson_data"); a "geojson" path in it is refused, never read.
//   Result<Scenario> r = read_scenario_text(body, "room-17", {}, no_files());
//
// Validation happens here, once: a Scenario returned by these functions
// satisfies every rule of the format, and nothing downstream re-checks it.
// Nothing is guessed or repaired; unknown keys are errors (with a suggestion
// when close to a known key), except inside "meta" objects.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "parley/core/result.h"
#include "parley/io/json.h"
#include "parley/mediate/engine.h"
#include "parley/model/scenario.h"

namespace parley {

// Hard limits that keep hostile input from exhausting memory or time.
struct ScenarioLimits {
  std::size_t max_parties = 256;
  std::size_t max_issues = 100'000;
  std::size_t max_options = 10'000;      // per choice issue
  std::size_t max_grid_points = 1'000'000;  // per number issue, and 1/step per share issue
  std::size_t max_party_issue_pairs = 1'000'000;  // parties x issues
  std::size_t max_errors = 1'000;        // reporting stops after this many problems
};

// A file a scenario names, as a FileLoader hands it over. The one file a
// scenario can name is its GeoJSON map ("map": {"geojson": "regions.geojson"}).
struct LoadedFile {
  std::string name;  // how diagnostics inside it name it (Diagnostic::source), e.g. the path opened
  std::string text;
};

// How the reader gets a file the scenario names: given the path exactly as
// written in the scenario, the loader decides how to resolve it, or refuses.
// A failure of kind unreadable or unsupported is reported at the JSON Pointer
// of the path (/map/geojson) with the failure's messages as they are, so they
// name the file and say what is wrong; one of kind invalid_input (a file too
// large) keeps its own diagnostics, located in that file. An empty loader
// reads nothing, as no_files().
using FileLoader = std::function<Result<LoadedFile>(const std::string& path)>;

// Reads from disk, relative to the folder of the scenario file
// `scenario_path`: what read_scenario_file uses.
FileLoader files_beside(const std::string& scenario_path);

// Reads only files inside `folder`, where a server keeps the files uploaded
// with a scenario: the path must be relative, without "..", and lead,
// symbolic links followed, to a regular file inside the folder; anything else
// is refused, never opened. The file is named by the path as written.
FileLoader files_within(const std::string& folder);

// Refuses every path: for a server, which must never read a path a user gave
// it. A scenario read with it carries its map inline ("geojson_data").
FileLoader no_files();

// `source` names the scenario in diagnostics. The loader defaults to
// no_files(): a scenario that arrives as text or as a document has no folder
// of its own, and reading paths must be asked for (files_beside) rather than
// happen by default.
Result<Scenario> read_scenario(const json::Value& document, const std::string& source,
                               const ScenarioLimits& limits = {}, const FileLoader& loader = no_files());
Result<Scenario> read_scenario_text(std::string_view text, const std::string& source,
                                    const ScenarioLimits& limits = {}, const FileLoader& loader = no_files());
// Reads the files the scenario names with files_beside(path).
Result<Scenario> read_scenario_file(const std::string& path, const ScenarioLimits& limits = {});

// An outcome file: a JSON object from issue id to outcome value. With
// require_complete, every issue must have a value; otherwise missing issues
// are nullopt in the result.
Result<PartialOutcome> read_partial_outcome(const json::Value& document, const Scenario& s,
                                            const std::string& source);
Result<Outcome> read_outcome(const json::Value& document, const Scenario& s, const std::string& source);
Result<Outcome> read_outcome_file(const std::string& path, const Scenario& s);

// A ranking of example packages for `parley elicit` (docs/cli.md):
// {"packages": [outcome, ...], "order": [[0], [2, 3], [1]]}. A package may
// leave out agreed terms (they are filled in); any other missing issue is an
// error at /packages/K/ISSUE. Which indices the order holds is checked by
// elicit() itself (mediate/engine.h).
Result<Ranking> read_ranking(const json::Value& document, const Scenario& s, const std::string& source);
Result<Ranking> read_ranking_file(const std::string& path, const Scenario& s);

}  // namespace parley
