// Importing Genius 10.4 XML and GeniusWeb JSON negotiation files as scenarios.
//
//   Result<Imported> r = import_genius("Jobs/Jobs.xml", {"Jobs/Jobs_util1.xml", "Jobs/Jobs_util2.xml"});
//   if (!r) { for (const Diagnostic& d : r.errors()) ...; }   // source: the first file with problems
//   std::string text = write_scenario(r.value().scenario);    // exact: 2/3 is written "2/3"
//
//   Result<Imported> w = import_geniusweb({"party1.json", "party2.json"}, /*domain_path=*/"");
//
// Semantics (README, "Importing Genius and GeniusWeb files"): Genius's own
// utility, u(bid) = min(1, sum_i w_i * eval_i(v_i)), with discrete evaluations
// divided by the largest evaluation (0 when that is below 1e-5) and
// integer evaluators slope * (v - lowerbound) + offset clamped to [0, 1]. parley
// divides the weights by their sum W, so imported utilities are Genius's
// (uncapped) utilities divided by W, and the reservation value is divided by W
// too; W, the discount factor and the source files are kept in "meta".
// Every number is read exactly from its decimal text, never through a double.
// Anything parley cannot represent exactly (non-linear or constraint spaces,
// nested objectives, continuous real issues, all-zero weights) is rejected
// with a message, never approximated.
//
// The returned scenario has been written and read back through read_scenario,
// so it satisfies every rule of the format. Errors: FailureKind::unreadable for
// a missing or unreadable file, invalid_input otherwise, located by an
// XPath-like path (/utility_space/objective/issue[3]/item[2]/@evaluation) in
// XML files and a JSON Pointer in JSON files. Import stops at the first file
// with problems and lists every problem found in that file.
#pragma once

#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/model/scenario.h"

namespace parley {

// What became of one profile file.
struct ImportedParty {
  std::string id;          // sanitised from the file name
  std::string source;      // the path as given
  Rational weight_sum;     // W: the sum of the weights as written
  Rational reservation;    // as in the scenario (already divided by W)
  bool cap_binds = false;  // Genius: sum_i w_i * max eval_i > 1, so its cap at 1 merges top outcomes
};

struct Imported {
  Scenario scenario;
  std::vector<ImportedParty> parties;  // in scenario party order
  std::vector<std::string> notes;      // things a user should know (a binding cap, weights not summing to 1)
};

// Genius 10.4: DOMAIN.xml (<negotiation_template>) and one <utility_space>
// profile per party. Party ids come from the profile file names.
Result<Imported> import_genius(const std::string& domain_path, const std::vector<std::string>& profile_paths);

// GeniusWeb LinearAdditiveUtilitySpace profiles (JSON). The domain is embedded
// in each profile ("domain") or given as a separate file (domain_path, not
// empty); when both are present they must agree.
Result<Imported> import_geniusweb(const std::vector<std::string>& profile_paths, const std::string& domain_path);

// The id a Genius name or file stem becomes: characters outside [A-Za-z0-9_.-]
// become "_" (runs collapsed, ends trimmed), a name not starting with a letter
// gets `prefix` in front, and the result is cut to 64 characters.
std::string genius_id(std::string_view name, std::string_view prefix);

}  // namespace parley
