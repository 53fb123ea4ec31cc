// Internal to src/parley/io: no other folder includes this header. What the
// Genius XML importer (genius_xml.cpp) and the GeniusWeb JSON importer
// (geniusweb_json.cpp) share: collecting a file's problems, ids and the last
// step that writes the scenario and reads it back. The public
// entry points are in genius_import.h.
//
//   Problems problems{path};
//   problems.add("/LinearAdditiveUtilitySpace/issueWeights/price", "weight -1 is negative; ...");
//   if (problems.any()) return problems.failure();
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/core/result.h"
#include "parley/io/genius_import.h"
#include "parley/io/json.h"
#include "parley/io/scenario_reader.h"

namespace parley::io_internal {

constexpr std::size_t kMaxErrorsPerFile = 200;  // the rest would repeat the same mistake

// The most values a discrete issue may have: a scenario's option cap. The
// importers refuse the value after it as they read, so an issue with 300,000
// values costs no more than one with 10,000.
constexpr std::size_t kMaxValues = ScenarioLimits{}.max_options;
// The message for that value.
std::string too_many_values(std::string_view issue);

// A user's text quoted for a message, cut to 80 bytes.
std::string shown(std::string_view text);

// Ids handed out so far; later ones get "_2", "_3", ... until unique.
class IdSet {
 public:
  IdSet() : used_{"joint", "neutral"} {}  // holder words, never ids
  bool taken(const std::string& id) const { return used_.count(id) > 0; }
  std::string claim(const std::string& base) {
    std::string id = base;
    for (int k = 2; used_.count(id) > 0; ++k) {
      std::string suffix = "_" + std::to_string(k);
      id = base.substr(0, 64 - suffix.size()) + suffix;
    }
    used_.insert(id);
    return id;
  }

 private:
  std::set<std::string> used_;
};

std::string file_name(const std::string& path);
std::string file_stem(const std::string& path);

// Collects the problems of one file.
struct Problems {
  std::string source;
  std::vector<Diagnostic> list;
  void add(std::string pointer, std::string message) {
    if (list.size() < kMaxErrorsPerFile) list.push_back({std::move(pointer), std::move(message)});
  }
  bool any() const { return !list.empty(); }
  Failure failure() const { return Failure{source, list}; }
};

// An empty JSON object, for building meta.
json::Value meta_object();
// Compact JSON text, as meta is stored in the model.
std::string compact(const json::Value& v);

// The scenario is built directly, then written and read back: the reader's
// validation is the final check, and the result is exactly what a later
// `parley validate OUT.json` sees.
Result<Imported> finish(Imported imported, const std::string& label);

// Party ids from file stems: unique, or the import fails (naming two parties
// "x" and "x_2" would hide which file is which).
std::optional<Failure> party_ids(const std::vector<std::string>& paths, std::vector<std::string>& ids);

// A scenario has 2 to 256 parties, one per profile: checked before any file
// is read, since each profile may be a 32 MiB file.
std::optional<Failure> profile_count(const std::vector<std::string>& profiles, const std::string& domain);

}  // namespace parley::io_internal
