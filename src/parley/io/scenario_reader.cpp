// The scenario reader's core: the public entry points, the wording and value
// helpers, references to parties, issues and options, and the top level of a
// scenario (scenario_reader_internal.h; the parts are in scenario_reader_*.cpp).
#include "parley/io/scenario_reader.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include "parley/analysis/utility.h"
#include "parley/core/files.h"
#include "parley/core/text.h"
#include "parley/io/scenario_reader_internal.h"
#include "parley/model/outcome_space.h"

namespace parley::io_internal {

// ---------------------------------------------------------------- wording ---

std::string found_text(const Value& v) { return json::describe(v); }

std::string shortened(const std::string& text, std::size_t most) { return cut_utf8(text, most, " ..."); }

std::string grid_text(const Issue& is) {
  return num(is.min) + " to " + num(is.max) + " in steps of " + num(is.step);
}

// By hand, not std::regex: compiling the pattern took a tenth of a small
// command's instructions (issue 19), and matching it more than the reading.
bool is_id(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!letter(text.front())) return false;
  return std::all_of(text.begin() + 1, text.end(), [&](char c) {
    return letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

std::string meta_text(const Value& v) { return json::write(v, {.indent = 0}); }

// ---------------------------------------------------- values and references ---

std::optional<Rational> Reader::number(const Value& v, const std::string& ptr) {
  std::string why;
  if (v.is_number()) {
    if (auto r = Rational::parse(v.text(), &why)) return r;
    error(ptr, why);
    return std::nullopt;
  }
  if (v.is_string() && v.text().find('/') != std::string::npos) {
    if (auto r = Rational::parse(v.text(), &why)) return r;
    error(ptr, why);
    return std::nullopt;
  }
  std::string hint;
  if (v.is_string() && Rational::parse(v.text())) hint = "; write it without quotes: " + v.text();
  error(ptr, "expected a number (or an exact fraction as a string \"p/q\"), found " + found_text(v) + hint);
  return std::nullopt;
}

std::optional<Rational> Reader::unit_value(const Value& v, const std::string& ptr) {
  auto r = number(v, ptr);
  if (r && (*r < 0 || *r > 1)) {
    error(ptr, num(*r) + " is outside [0, 1]; values, shares and utilities lie between 0 and 1");
    return std::nullopt;
  }
  return r;
}

std::optional<std::string> Reader::identifier(const Value& v, const std::string& ptr, std::string_view what) {
  auto id = string(v, ptr);
  if (!id) return std::nullopt;
  if (!is_id(*id)) {
    error(ptr, quote_short(*id) + " is not a valid " + std::string(what) +
                   " id: ids start with a letter, then up to 63 letters, digits, '_', '.' or '-'");
    return std::nullopt;
  }
  return id;
}

int Reader::party_ref(const Value& v, const std::string& ptr) {
  auto id = string(v, ptr);
  if (!id) return -1;
  if (auto it = party_ids_.find(*id); it != party_ids_.end()) return it->second;
  if (rejected_ids_.count(*id)) return -1;  // its own error says what is wrong
  error(ptr, "unknown party " + quote_short(*id) + suggest(*id, party_names_, "parties"));
  return -1;
}

int Reader::issue_key(const std::string& key, const std::string& ptr) {
  if (auto it = issue_ids_.find(key); it != issue_ids_.end()) return usable_[static_cast<std::size_t>(it->second)] ? it->second : -1;
  if (rejected_ids_.count(key)) return -1;  // its own error says what is wrong
  error(ptr, "unknown issue " + quote_short(key) + suggest(key, issue_names_, "issues"));
  return -1;
}

int Reader::issue_ref(const Value& v, const std::string& ptr) {
  auto id = string(v, ptr);
  if (!id) return -1;
  return issue_key(*id, ptr);
}

bool Reader::kind_is(int issue, std::initializer_list<IssueKind> kinds, const std::string& ptr,
                     std::string_view role) {
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  if (std::find(kinds.begin(), kinds.end(), is.kind) != kinds.end()) return true;
  std::string wanted;
  for (IssueKind k : kinds) wanted += (wanted.empty() ? "" : " or ") + std::string(kind_name(k));
  error(ptr, "issue " + quote(is.id) + " is of kind " + std::string(kind_name(is.kind)) + "; " + std::string(role) +
                 " must be of kind " + wanted);
  return false;
}

std::optional<Holder> Reader::holder_ref(const Value& v, const std::string& ptr, int issue) {
  auto id = string(v, ptr);
  if (!id) return std::nullopt;
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  if (*id == "joint" || *id == "neutral") {
    bool allowed = *id == "joint" ? is.joint : is.neutral;
    if (!allowed) {
      error(ptr, quote(is.id) + " cannot be held " + (*id == "joint" ? "jointly" : "neutrally") + "; set \"" +
                     *id + "\": true on the issue to allow it, or name a party");
      return std::nullopt;
    }
    return *id == "joint" ? kJoint : kNeutral;
  }
  if (auto it = party_ids_.find(*id); it != party_ids_.end()) return it->second;
  if (rejected_ids_.count(*id)) return std::nullopt;
  std::vector<std::string> holders = party_names_;
  if (is.joint) holders.emplace_back("joint");
  if (is.neutral) holders.emplace_back("neutral");
  error(ptr, quote_short(*id) + " cannot hold " + quote(is.id) + suggest(*id, holders, "allowed"));
  return std::nullopt;
}

std::optional<int> Reader::option_ref(const Value& v, const std::string& ptr, int issue) {
  auto name = string(v, ptr);
  if (!name) return std::nullopt;
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  // A choice may have 10,000 options and be named by thousands of conditions:
  // look names up in an index built on first use, not by scanning.
  auto [index, fresh] = option_index_.try_emplace(issue);
  if (fresh) {
    for (std::size_t o = 0; o < is.options.size(); ++o) index->second.emplace(is.options[o], static_cast<int>(o));
  }
  if (auto it = index->second.find(*name); it != index->second.end()) return it->second;
  error(ptr, quote_short(*name) + " is not an option of " + quote(is.id) + suggest(*name, is.options, "options"));
  return std::nullopt;
}

std::optional<IssueValue> Reader::issue_value(const Value& v, const std::string& ptr, int issue) {
  const Issue& is = model().issues[static_cast<std::size_t>(issue)];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: {
      auto h = holder_ref(v, ptr, issue);
      if (!h) return std::nullopt;
      return IssueValue{.holder = *h};
    }
    case IssueKind::choice: {
      auto o = option_ref(v, ptr, issue);
      if (!o) return std::nullopt;
      return IssueValue{.option = *o};
    }
    case IssueKind::number: {
      auto x = number(v, ptr);
      if (!x) return std::nullopt;
      if (!on_grid(is, *x)) {
        error(ptr, num(*x) + " is not a value of " + quote(is.id) + ", whose values run from " + grid_text(is));
        return std::nullopt;
      }
      return IssueValue{.number = *x};
    }
    case IssueKind::share: {
      if (!expect(v, Type::object, ptr, "an object from party id to fraction, such as {\"a\": 0.4, \"b\": 0.6}")) {
        return std::nullopt;
      }
      IssueValue out;
      out.shares.assign(model().parties.size(), Rational(0));
      Rational total = 0;
      bool ok = true;
      for (const auto& [key, x] : v.members()) {
        std::string p = pointer_join(ptr, key);
        int party = party_ref(Value::string(key), p);
        auto f = unit_value(x, p);
        if (party < 0 || !f) {
          ok = false;
          continue;
        }
        if (!(*f / is.step).is_integer()) {
          error(p, num(*f) + " is not a multiple of the step " + num(is.step) + " of " + quote(is.id));
          ok = false;
          continue;
        }
        out.shares[static_cast<std::size_t>(party)] = *f;
        total += *f;
      }
      if (ok && total != 1) {
        error(ptr, "the fractions sum to " + num(total) + "; the fractions of a share must sum to exactly 1");
        return std::nullopt;
      }
      if (!ok) return std::nullopt;
      return out;
    }
  }
  return std::nullopt;
}

// ------------------------------------------------------------- top level ---

Result<Scenario> Reader::read(const Value& root) {
  if (!root.is_object()) {
    error("", "a scenario is a JSON object {\"parley\": 1, \"parties\": [...], \"issues\": [...]}, found " +
                  found_text(root));
    return Failure{source_, std::move(errors_)};
  }
  check_keys(root, "",
             {"parley", "title", "description", "period", "parties", "issues", "map", "status_quo", "agreed",
              "rules", "preferences", "dynamics", "meta"},
             "a scenario");
  if (const Value* v = require(root, "", "parley", "a scenario (the format version, 1)")) {
    if (!v->is_number()) {
      error("/parley", "expected the format version as a number, found " + found_text(*v) +
                           "; this parley reads version 1 (\"parley\": 1)");
    } else if (v->text() != "1") {
      error("/parley", "unsupported format version " + v->text() + "; this parley reads version 1 (\"parley\": 1)");
    }
  }
  if (const Value* v = root.find("title")) {
    if (auto t = string(*v, "/title")) s_.title = *t;
  }
  if (const Value* v = root.find("description")) {
    if (auto t = string(*v, "/description")) s_.description = *t;
  }
  if (const Value* v = root.find("period")) {
    static const std::vector<std::string> periods{"round", "day", "week", "month"};
    if (auto t = string(*v, "/period")) {
      auto it = std::find(periods.begin(), periods.end(), *t);
      if (it == periods.end()) {
        error("/period", "unknown period " + quote_short(*t) + suggest(*t, periods, "allowed"));
      } else {
        s_.period = static_cast<Period>(it - periods.begin());
      }
    }
  }
  if (const Value* v = root.find("meta")) s_.meta = meta_text(*v);

  const Value* parties = require(root, "", "parties", "a scenario");
  if (parties) read_parties(*parties, "/parties");
  const Value* issues = require(root, "", "issues", "a scenario");
  if (issues) read_issues(*issues, "/issues");
  s_.status_quo.assign(s_.issues.size(), std::nullopt);
  s_.agreed.assign(s_.issues.size(), std::nullopt);
  s_.preferences.assign(s_.parties.size(), std::nullopt);
  // Without valid parties and issues every later reference would be reported
  // as a second, misleading error.
  if (!parties || !issues || s_.parties.empty() || s_.issues.empty()) return Failure{source_, std::move(errors_)};

  read_map(root.find("map"), "/map");
  if (const Value* v = root.find("status_quo")) s_.status_quo = read_terms(*v, "/status_quo");
  if (const Value* v = root.find("agreed")) s_.agreed = read_terms(*v, "/agreed");
  if (const Value* v = root.find("rules")) read_rules(*v, "/rules");
  if (const Value* v = root.find("preferences")) read_preferences(*v, "/preferences");
  if (const Value* v = root.find("dynamics")) read_dynamics(*v, "/dynamics");
  // After every other error: the utility needs valid weights and values.
  if (errors_.empty()) resolve_status_quo_reservations();

  if (!errors_.empty()) return Failure{source_, std::move(errors_)};
  return std::move(s_);
}

// -------------------------------------------------- status quo and agreed ---

PartialOutcome Reader::read_terms(const Value& v, const std::string& ptr) {
  PartialOutcome terms(model().issues.size());
  if (!expect(v, Type::object, ptr, "an object from issue id to outcome value")) return terms;
  for (const auto& [key, value] : v.members()) {
    std::string p = pointer_join(ptr, key);
    int issue = issue_key(key, p);
    if (issue < 0) continue;
    if (auto iv = issue_value(value, p, issue)) terms[static_cast<std::size_t>(issue)] = std::move(*iv);
  }
  return terms;
}

// A reservation written "status_quo" becomes that party's exact utility of the
// status quo with the agreed terms, here and once, so that every method,
// check and what-if sees a plain number.
void Reader::resolve_status_quo_reservations() {
  const std::optional<Outcome> status_quo = s_.status_quo_outcome();
  for (std::size_t p = 0; p < s_.parties.size(); ++p) {
    auto& prefs = s_.preferences[p];
    if (!prefs || !prefs->reservation_is_status_quo) continue;
    const std::string ptr = pointer_join(pointer_join("/preferences", s_.parties[p].id), "reservation");
    if (status_quo) {
      prefs->reservation = utility_with(s_, *prefs, static_cast<int>(p), *status_quo);
      continue;
    }
    std::string names;
    const std::vector<int> missing = s_.status_quo_missing();
    for (int i : missing) {
      names += (names.empty() ? "\"" : ", \"") + s_.issues[static_cast<std::size_t>(i)].id + "\"";
    }
    error(ptr, "\"status_quo\" needs the status quo with the agreed terms to name every issue, and neither "
               "names " + names + "; add " + (missing.size() == 1 ? "it" : "them") +
               " to \"status_quo\" or give the reservation as a number in [0, 1]");
  }
}

}  // namespace parley::io_internal

namespace parley {

using io_internal::Reader;

FileLoader files_beside(const std::string& scenario_path) {
  return [folder = std::filesystem::path(scenario_path).parent_path()](const std::string& path) -> Result<LoadedFile> {
    // Relative to the scenario file's directory, as written there; named
    // without "." and ".." steps, so that the name says which file was read.
    const std::string where = (folder / path).lexically_normal().string();
    // A map is a file: a FIFO nobody writes would block the reader for ever,
    // and a device never end. Links are followed; a missing file is left to
    // read_text_file, which says so.
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(where, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
      return Failure{where,
                     {{"", "the GeoJSON map " + io_internal::quote_short(path) + " (a path relative to the scenario "
                               "file's directory) is not read: it is " +
                               (std::filesystem::is_directory(status) ? "a directory" : "not a regular file (a pipe or a device)") +
                               "; a map must be a file"}},
                     FailureKind::unreadable};
    }
    Result<std::string> text = read_text_file(where, json::ParseLimits{}.max_bytes);
    if (text) return LoadedFile{where, std::move(text).value()};
    Failure failure = text.failure();
    if (failure.kind == FailureKind::unreadable) {
      for (Diagnostic& d : failure.diagnostics) {
        d.message = "cannot read the GeoJSON map " + io_internal::quote_short(path) +
                    " (a path relative to the scenario file's directory): " + d.message;
      }
    }
    return failure;
  };
}

FileLoader files_within(const std::string& folder) {
  namespace fs = std::filesystem;
  return [folder](const std::string& path) -> Result<LoadedFile> {
    auto refuse = [&](const std::string& why) -> Result<LoadedFile> {
      return Failure{path,
                     {{"", "the GeoJSON map " + io_internal::quote_short(path) + " is not read: " + why +
                               "; here a map must be a file sent with the scenario, named by a path relative to it "
                               "without \"..\" (or inline as \"geojson_data\")"}},
                     FailureKind::unsupported};
    };
    const fs::path relative(path);
    if (relative.has_root_name() || relative.has_root_directory()) return refuse("it is an absolute path");
    for (const fs::path& step : relative) {
      if (step == "..") return refuse("it climbs out of its folder with \"..\"");
    }
    // Symbolic links are followed, and where they lead must still be inside
    // the folder; so must the file itself be regular (a FIFO would block the
    // reader, a device never end).
    std::error_code ec;
    const fs::path root = fs::canonical(folder, ec);
    if (ec) return refuse("the folder of files sent with the scenario cannot be read");
    const fs::path target = fs::canonical(root / relative, ec);
    if (ec) return refuse("no such file was sent with the scenario");
    auto [stop, at] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    if (stop != root.end()) return refuse("it is a link to a file outside its folder");
    if (!fs::is_regular_file(target, ec)) return refuse("it is not a regular file");
    Result<std::string> text = read_text_file(target.string(), json::ParseLimits{}.max_bytes);
    if (!text) return text.failure();
    // Named as the scenario names it: where the folder is on this machine is
    // nobody's business.
    return LoadedFile{relative.lexically_normal().string(), std::move(text).value()};
  };
}

FileLoader no_files() {
  return [](const std::string& path) -> Result<LoadedFile> {
    return Failure{path,
                   {{"", "the GeoJSON map " + io_internal::quote_short(path) +
                             " is a path, and no path is read here: here a scenario must carry its map inline as "
                             "\"geojson_data\" (the FeatureCollection itself, beside \"region_key\") instead of "
                             "\"geojson\""}},
                   FailureKind::unsupported};
  };
}

Result<Scenario> read_scenario(const json::Value& document, const std::string& source, const ScenarioLimits& limits,
                               const FileLoader& loader) {
  return Reader(source, limits, loader).read(document);
}

Result<Scenario> read_scenario_text(std::string_view text, const std::string& source, const ScenarioLimits& limits,
                                    const FileLoader& loader) {
  auto doc = json::parse(text, source);
  if (!doc) return doc.failure();
  return read_scenario(doc.value(), source, limits, loader);
}

Result<Scenario> read_scenario_file(const std::string& path, const ScenarioLimits& limits) {
  auto doc = json::parse_file(path);
  if (!doc) return doc.failure();
  return read_scenario(doc.value(), path, limits, files_beside(path));
}

}  // namespace parley
