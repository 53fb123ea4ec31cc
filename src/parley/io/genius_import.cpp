// What the Genius and GeniusWeb importers share (genius_import_internal.h),
// and genius_id.
#include "parley/io/genius_import.h"

#include <cctype>
#include <filesystem>
#include <map>

#include "parley/core/text.h"
#include "parley/io/genius_import_internal.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"

namespace parley::io_internal {

using json::Value;

std::string shown(std::string_view text) { return json::quote(cut_utf8(text, 80)); }

std::string too_many_values(std::string_view issue) {
  return "issue " + shown(issue) + " has more than " + std::to_string(kMaxValues) + " values; parley allows at most " +
         std::to_string(kMaxValues) + " options in a choice issue";
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }
std::string file_stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

Value meta_object() { return Value::object(); }
std::string compact(const Value& v) { return json::write(v, {.indent = 0}); }

Result<Imported> finish(Imported imported, const std::string& label) {
  Scenario& s = imported.scenario;
  s.status_quo.assign(s.issues.size(), std::nullopt);
  s.agreed.assign(s.issues.size(), std::nullopt);
  const std::string text = write_scenario(s);
  // Said here in the import's terms: the reader would report "the file is N
  // bytes", and there is no file yet.
  if (const std::size_t most = json::ParseLimits{}.max_bytes; text.size() > most) {
    return Failure{label, {{"", "the imported scenario would be " + std::to_string(text.size()) + " bytes, more than "
                                    "the " + std::to_string(most) + " bytes parley reads in a scenario file; import "
                                    "fewer issues, values or parties"}}};
  }
  Result<Scenario> back = read_scenario_text(text, label);
  if (!back) {
    Failure f = back.failure();
    for (Diagnostic& d : f.diagnostics) d.message = "the imported scenario would be invalid: " + d.message;
    return f;
  }
  imported.scenario = std::move(back).value();
  return imported;
}

std::optional<Failure> party_ids(const std::vector<std::string>& paths, std::vector<std::string>& ids) {
  std::map<std::string, std::string> first;  // id -> path
  for (const std::string& path : paths) {
    std::string id = genius_id(file_stem(path), "party_");
    auto [it, fresh] = first.emplace(id, path);
    if (!fresh) {
      return Failure{path, {{"", "party id " + shown(id) + " (from the file name) is already taken by " +
                                     it->second + "; parley names each party after its profile file, so give the "
                                     "profiles different file names"}}};
    }
    ids.push_back(id);
  }
  return std::nullopt;
}

std::optional<Failure> profile_count(const std::vector<std::string>& profiles, const std::string& domain) {
  const std::size_t most = ScenarioLimits{}.max_parties;
  if (profiles.size() >= 2 && profiles.size() <= most) return std::nullopt;
  const std::string message =
      profiles.size() < 2 ? "a scenario needs at least 2 parties: give one profile per party, 2 or more"
                          : "a scenario has at most " + std::to_string(most) + " parties: give one profile per party, " +
                                "at most " + std::to_string(most);
  return Failure{profiles.empty() ? domain : profiles.front(),
                 {{"", message + " (found " + std::to_string(profiles.size()) + ")"}},
                 FailureKind::unsupported};
}

}  // namespace parley::io_internal

namespace parley {

std::string genius_id(std::string_view name, std::string_view prefix) {
  std::string out;
  for (char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80;
    const char put = ok || c == '.' || c == '-' ? c : '_';
    if (put == '_' && (out.empty() || out.back() == '_')) continue;
    out += put;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) {
    std::string p(prefix);
    if (out.empty()) {
      while (!p.empty() && p.back() == '_') p.pop_back();
      out = p;
    } else {
      out = p + out;
    }
  }
  return out.substr(0, 64);
}

}  // namespace parley
