#include "parley/io/genius_import.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "parley/core/text.h"
#include "parley/io/json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"

namespace parley {

namespace {

using json::Value;

constexpr std::size_t kMaxFileBytes = 32u << 20;  // as json::ParseLimits
constexpr std::size_t kMaxErrors = 200;           // per file; the rest would repeat the same mistake

// ---------------------------------------------------------------- shared helpers

std::string shown(std::string_view text) { return json::quote(cut_utf8(text, 80)); }
std::string num(const Rational& r) { return r.canonical(); }

// A number as Java's Double.valueOf reads it from Genius XML ("5", "0.25",
// " 1.0 ", "+.5", "3e-2", "1.0d"), but kept exactly as the decimal written.
std::optional<Rational> java_decimal(std::string_view text, std::string* why) {
  std::size_t b = 0, e = text.size();
  while (b < e && static_cast<unsigned char>(text[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ') --e;
  std::string_view t = text.substr(b, e - b);
  if (!t.empty() && std::string_view("dDfF").find(t.back()) != std::string_view::npos) t.remove_suffix(1);
  auto digit = [&](std::size_t i) { return i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); };
  std::size_t i = 0;
  std::string out;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
    if (t[i] == '-') out += '-';
    ++i;
  }
  std::string whole, fraction;
  while (digit(i)) whole += t[i++];
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (digit(i)) fraction += t[i++];
  }
  bool ok = !whole.empty() || !fraction.empty();
  std::string exponent;
  if (ok && i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    exponent = "e";
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) exponent += t[i++];
    if (!digit(i)) ok = false;
    while (digit(i)) exponent += t[i++];
  }
  if (!ok || i != t.size()) {
    if (why) *why = shown(text) + " is not a finite decimal number";
    return std::nullopt;
  }
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  out += whole.empty() ? "0" : whole;
  if (!fraction.empty()) out += "." + fraction;
  out += exponent;
  return Rational::parse(out, why);
}

// Java's Integer.valueOf: an optional sign and decimal digits, within 32 bits.
std::optional<std::int64_t> java_int(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || (text.size() > 1 && text[0] == '-' && text[1] == '-')) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (v < -2147483648LL || v > 2147483647LL) return std::nullopt;
  return v;
}

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

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }
std::string file_stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

// Reads a whole file (or pipe) of at most kMaxFileBytes.
Result<std::string> read_file(const std::string& path) {
  auto unreadable = [&](std::string message) {
    return Result<std::string>(Failure{path, {{"", std::move(message)}}, FailureKind::unreadable});
  };
  std::error_code ec;
  const auto type = std::filesystem::status(path, ec).type();
  if (type == std::filesystem::file_type::not_found) return unreadable("no such file");
  if (type == std::filesystem::file_type::directory) return unreadable("is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return unreadable("cannot open the file");
  std::string text(kMaxFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return unreadable("cannot read the file");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxFileBytes) {
    return Result<std::string>::fail(path, "", "the file is larger than " + std::to_string(kMaxFileBytes) +
                                                   " bytes; parley reads at most that much");
  }
  return text;
}

// Collects the problems of one file.
struct Problems {
  std::string source;
  std::vector<Diagnostic> list;
  void add(std::string pointer, std::string message) {
    if (list.size() < kMaxErrors) list.push_back({std::move(pointer), std::move(message)});
  }
  bool any() const { return !list.empty(); }
  Failure failure() const { return Failure{source, list}; }
};

Value meta_object() { return Value::object(); }
std::string compact(const Value& v) { return json::write(v, {.indent = 0}); }

// The scenario is built directly, then written and read back: the reader's
// validation is the final check, and the result is exactly what a later
// `parley validate OUT.json` sees.
Result<Imported> finish(Imported imported, const std::string& label) {
  Scenario& s = imported.scenario;
  s.status_quo.assign(s.issues.size(), std::nullopt);
  s.agreed.assign(s.issues.size(), std::nullopt);
  Result<Scenario> back = read_scenario_text(write_scenario(s), label);
  if (!back) {
    Failure f = back.failure();
    for (Diagnostic& d : f.diagnostics) d.message = "the imported scenario would be invalid: " + d.message;
    return f;
  }
  imported.scenario = std::move(back).value();
  return imported;
}

// ---------------------------------------------------------------- Genius XML

enum class GType { discrete, integer, real };

std::optional<GType> genius_type(std::string_view word) {
  std::string w(word);
  std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (w == "discrete") return GType::discrete;
  if (w == "integer") return GType::integer;
  if (w == "real") return GType::real;
  return std::nullopt;
}

std::string_view type_word(GType t) {
  switch (t) {
    case GType::discrete: return "discrete";
    case GType::integer: return "integer";
    case GType::real: return "real";
  }
  return "";
}

struct DomainIssue {
  int index = 0;
  std::string name;
  GType type = GType::discrete;
  std::vector<std::string> values;  // discrete, in file order
  std::int64_t lower = 0, upper = 0;  // integer
};

struct GeniusDomain {
  std::string name;  // the objective's name
  std::vector<DomainIssue> issues;
};

// One parsed XML file, with what is needed to say where things are.
class XmlFile {
 public:
  static Result<std::unique_ptr<XmlFile>> load(const std::string& path) {
    Result<std::string> text = read_file(path);
    if (!text) return text.failure();
    auto file = std::unique_ptr<XmlFile>(new XmlFile());
    file->problems.source = path;
    file->text_ = std::move(text).value();
    pugi::xml_parse_result r = file->doc.load_buffer(file->text_.data(), file->text_.size(),
                                                     pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!r) {
      auto [line, column] = file->position(static_cast<std::size_t>(std::max<std::ptrdiff_t>(r.offset, 0)));
      return Result<std::unique_ptr<XmlFile>>::fail(
          path, "", "invalid XML at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                        r.description());
    }
    return file;
  }

  // "/negotiation_template/utility_space/objective/issue[3]": XPath, with an
  // index where an element has same-named siblings.
  static std::string path_of(pugi::xml_node n) {
    std::vector<std::string> parts;
    for (; n && n.type() == pugi::node_element; n = n.parent()) {
      int index = 0, count = 0;
      for (pugi::xml_node s = n.parent().child(n.name()); s; s = s.next_sibling(n.name())) {
        ++count;
        if (s == n) index = count;
      }
      parts.push_back(count > 1 ? std::string(n.name()) + "[" + std::to_string(index) + "]" : n.name());
    }
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + *it;
    return out;
  }

  void error(pugi::xml_node n, std::string message, const char* attribute = nullptr) {
    std::string where = path_of(n);
    if (attribute) where += std::string("/@") + attribute;
    const std::ptrdiff_t offset = n.offset_debug();
    if (offset >= 0) message += " (line " + std::to_string(position(static_cast<std::size_t>(offset)).first) + ")";
    problems.add(std::move(where), std::move(message));
  }

  // The document element when it is <want>; otherwise an error that says what
  // the file looks like instead (a profile given as the domain, or the reverse).
  std::optional<pugi::xml_node> root(std::string_view want, std::string_view what) {
    pugi::xml_node r = doc.document_element();
    const std::string_view name = r.name();
    if (name == want) return r;
    const bool profile_wanted = want == "utility_space";
    std::string hint;
    if (name == (profile_wanted ? "negotiation_template" : "utility_space")) {
      hint = std::string("; this looks like a ") + (profile_wanted ? "domain" : "profile") +
             ": give the domain file first, then the profiles";
    }
    error(r, "the root element is <" + std::string(name) + ">; a Genius " + std::string(what) + " has <" +
                 std::string(want) + ">" + hint);
    return std::nullopt;
  }

  // An attribute that must be there.
  std::optional<std::string> required(pugi::xml_node n, const char* attribute, std::string_view what) {
    pugi::xml_attribute a = n.attribute(attribute);
    if (!a) {
      error(n, std::string(what) + " needs the attribute \"" + attribute + "\"");
      return std::nullopt;
    }
    return std::string(a.value());
  }

  std::optional<Rational> decimal(pugi::xml_node n, const char* attribute, std::string_view what) {
    auto text = required(n, attribute, what);
    if (!text) return std::nullopt;
    std::string why;
    auto r = java_decimal(*text, &why);
    if (!r) error(n, std::string(what) + ": " + why, attribute);
    return r;
  }

  std::optional<std::int64_t> integer(pugi::xml_node n, const char* attribute, std::string_view what) {
    auto text = required(n, attribute, what);
    if (!text) return std::nullopt;
    auto v = java_int(*text);
    if (!v) error(n, std::string(what) + ": " + shown(*text) + " is not an integer", attribute);
    return v;
  }

  pugi::xml_document doc;
  Problems problems;

 private:
  XmlFile() = default;
  std::pair<std::size_t, std::size_t> position(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    std::size_t line = 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    std::size_t start = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
    std::size_t column = start == std::string::npos || offset == 0 ? offset + 1 : offset - start;
    return {line, column};
  }
  std::string text_;
};

std::size_t element_count(pugi::xml_node parent, const char* name) {
  std::size_t n = 0;
  for (pugi::xml_node c = parent.child(name); c; c = c.next_sibling(name)) ++n;
  return n;
}

// The one <objective> under a <utility_space>, refusing deeper trees.
std::optional<pugi::xml_node> single_objective(XmlFile& f, pugi::xml_node space) {
  pugi::xml_node objective = space.child("objective");
  if (!objective) {
    f.error(space, "has no <objective>: Genius puts the issues of a domain inside one <objective> element");
    return std::nullopt;
  }
  if (element_count(space, "objective") > 1) {
    f.error(space.child("objective").next_sibling("objective"),
            "a second top-level <objective>: parley reads one objective with its issues");
    return std::nullopt;
  }
  bool ok = true;
  for (pugi::xml_node nested = objective.child("objective"); nested; nested = nested.next_sibling("objective")) {
    f.error(nested, "objectives nested inside the objective are not supported: parley's preferences are one level "
                    "of weighted issues, and Genius itself ignores the weights of inner objectives");
    ok = false;
  }
  for (pugi::xml_node issue = objective.child("issue"); issue; issue = issue.next_sibling("issue")) {
    if (issue.child("issue") || issue.child("objective")) {
      f.error(issue, "an issue containing further issues or objectives is not supported: parley reads one level of "
                     "weighted issues");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return objective;
}

std::optional<int> issue_index(XmlFile& f, pugi::xml_node issue) {
  auto index = f.integer(issue, "index", "an issue");
  if (!index) return std::nullopt;
  return static_cast<int>(*index);
}

Result<GeniusDomain> read_genius_domain(const std::string& path) {
  auto loaded = XmlFile::load(path);
  if (!loaded) return loaded.failure();
  XmlFile& f = *loaded.value();
  auto top = f.root("negotiation_template", "domain file");
  if (!top) return f.problems.failure();
  pugi::xml_node root = *top;
  pugi::xml_node space = root.child("utility_space");
  if (!space) {
    f.error(root, "has no <utility_space>: a Genius domain lists its issues in <utility_space><objective>");
    return f.problems.failure();
  }
  auto objective = single_objective(f, space);
  if (!objective) return f.problems.failure();

  GeniusDomain domain;
  domain.name = objective->attribute("name").value();
  std::set<int> indices;
  for (pugi::xml_node issue = objective->child("issue"); issue; issue = issue.next_sibling("issue")) {
    DomainIssue d;
    auto index = issue_index(f, issue);
    auto name = f.required(issue, "name", "an issue");
    // Genius's domain loader reads "type", then "vtype".
    const char* type_attr = issue.attribute("type") ? "type" : "vtype";
    std::string type_text = issue.attribute(type_attr).value();
    std::optional<GType> type = genius_type(type_text);
    if (!issue.attribute(type_attr)) {
      f.error(issue, "an issue needs a type (type=\"discrete\", \"integer\" or \"real\")");
    } else if (!type) {
      f.error(issue, "unknown issue type " + shown(type_text) + "; Genius issue types are discrete, integer and real",
              type_attr);
    }
    if (!index || !name || !type) continue;
    if (!indices.insert(*index).second) {
      f.error(issue, "index " + std::to_string(*index) + " is used by an earlier issue; Genius matches profiles to the "
                     "domain by index, so each issue needs its own",
              "index");
      continue;
    }
    d.index = *index;
    d.name = *name;
    d.type = *type;
    switch (*type) {
      case GType::discrete: {
        std::set<std::string> seen;
        bool ok = true;
        for (pugi::xml_node item = issue.child("item"); item; item = item.next_sibling("item")) {
          auto value = f.required(item, "value", "an item");
          if (!value) {
            ok = false;
          } else if (value->empty()) {
            f.error(item, "an empty value name: parley's options need a name", "value");
            ok = false;
          } else if (!seen.insert(*value).second) {
            f.error(item, "duplicate value " + shown(*value) + " in issue " + shown(*name), "value");
            ok = false;
          } else {
            d.values.push_back(*value);
          }
        }
        if (ok && d.values.size() < 2) {
          f.error(issue, "issue " + shown(*name) + " has " + std::to_string(d.values.size()) +
                             " value(s); a parley choice needs at least 2 (an issue nobody can negotiate over "
                             "cannot be represented)");
        }
        break;
      }
      case GType::integer: {
        auto lo = f.integer(issue, "lowerbound", "an integer issue");
        auto hi = f.integer(issue, "upperbound", "an integer issue");
        if (lo && hi && *lo > *hi) {
          f.error(issue, "lowerbound " + std::to_string(*lo) + " is above upperbound " + std::to_string(*hi),
                  "upperbound");
        } else if (lo && hi) {
          d.lower = *lo;
          d.upper = *hi;
        }
        break;
      }
      case GType::real:
        f.error(issue, "issue " + shown(*name) + " is a real issue: Genius real issues take any value in a "
                       "continuous range, and parley needs a finite grid; it cannot be imported exactly (make it "
                       "an integer or discrete issue)");
        break;
    }
    domain.issues.push_back(std::move(d));
  }
  if (domain.issues.empty() && !f.problems.any()) f.error(*objective, "the domain has no issues");
  if (f.problems.any()) return f.problems.failure();
  return domain;
}

// One profile, turned into parley preferences over the domain's issues.
struct GeniusProfile {
  Preferences prefs;
  Rational weight_sum;
  Rational reservation_written;
  std::optional<Rational> discount;
  bool cap_binds = false;
  Rational best_uncapped;  // sum_i w_i * max eval_i
};

Result<GeniusProfile> read_genius_profile(const std::string& path, const GeniusDomain& domain) {
  auto loaded = XmlFile::load(path);
  if (!loaded) return loaded.failure();
  XmlFile& f = *loaded.value();
  auto top = f.root("utility_space", "profile");
  if (!top) return f.problems.failure();
  pugi::xml_node root = *top;
  if (pugi::xml_attribute type = root.attribute("type")) {
    std::string t = type.value();
    std::string lower = t;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != "linear") {
      f.error(root, "utility space type " + shown(t) + " is not a linear additive space; parley represents "
                    "weighted sums of per-issue values exactly and cannot import non-linear, constraint or "
                    "uncertain spaces without approximating them",
              "type");
      return f.problems.failure();
    }
  }
  auto objective = single_objective(f, root);
  if (!objective) return f.problems.failure();

  GeniusProfile out;
  // Reservation value and discount factor: the first of each under <utility_space>.
  if (pugi::xml_node r = root.child("reservation")) {
    if (auto v = f.decimal(r, "value", "<reservation>")) out.reservation_written = *v;
  }
  if (pugi::xml_node d = root.child("discount_factor")) {
    if (auto v = f.decimal(d, "value", "<discount_factor>")) out.discount = *v;
  }

  // Weights by issue index.
  std::map<int, std::pair<Rational, pugi::xml_node>> weights;
  for (pugi::xml_node w = objective->child("weight"); w; w = w.next_sibling("weight")) {
    auto index = f.integer(w, "index", "a weight");
    auto value = f.decimal(w, "value", "a weight");
    if (!index || !value) continue;
    if (value->sign() < 0) {
      f.error(w, "weight " + num(*value) + " is negative; weights must be 0 or more", "value");
      continue;
    }
    if (!weights.emplace(static_cast<int>(*index), std::make_pair(*value, w)).second) {
      f.error(w, "a second weight for issue index " + std::to_string(*index), "index");
    }
  }

  std::map<int, std::size_t> by_index;  // domain issue index -> position
  for (std::size_t i = 0; i < domain.issues.size(); ++i) by_index[domain.issues[i].index] = i;
  std::vector<pugi::xml_node> found(domain.issues.size());
  out.prefs.issues.resize(domain.issues.size());
  Rational best_total;  // sum_i w_i * max eval_i: Genius's largest uncapped utility

  for (pugi::xml_node issue = objective->child("issue"); issue; issue = issue.next_sibling("issue")) {
    auto index = issue_index(f, issue);
    if (!index) continue;
    auto at = by_index.find(*index);
    if (at == by_index.end()) {
      f.error(issue, "the domain has no issue with index " + std::to_string(*index) +
                         "; this profile does not match the domain", "index");
      continue;
    }
    const DomainIssue& d = domain.issues[at->second];
    if (found[at->second]) {
      f.error(issue, "a second issue with index " + std::to_string(*index), "index");
      continue;
    }
    found[at->second] = issue;
    std::string name = issue.attribute("name").value();
    if (issue.attribute("name") && name != d.name) {
      f.error(issue, "issue " + std::to_string(*index) + " is named " + shown(name) + " here but " + shown(d.name) +
                         " in the domain; this profile does not match the domain", "name");
      continue;
    }
    // AdditiveUtilitySpace reads "type" (discrete when absent).
    GType type = GType::discrete;
    if (pugi::xml_attribute t = issue.attribute("type")) {
      auto parsed = genius_type(t.value());
      if (!parsed) {
        f.error(issue, "unknown issue type " + shown(t.value()) + "; Genius issue types are discrete, integer and real",
                "type");
        continue;
      }
      type = *parsed;
    }
    if (type != d.type) {
      f.error(issue, "issue " + shown(d.name) + " is " + std::string(type_word(type)) + " here but " +
                         std::string(type_word(d.type)) + " in the domain; this profile does not match the domain",
              "type");
      continue;
    }
    IssuePreference& ip = out.prefs.issues[at->second];
    if (d.type == GType::discrete) {
      std::map<std::string, Rational> evals;
      bool ok = true;
      for (pugi::xml_node item = issue.child("item"); item; item = item.next_sibling("item")) {
        auto value = f.required(item, "value", "an item");
        if (!value) {
          ok = false;
          continue;
        }
        if (std::find(d.values.begin(), d.values.end(), *value) == d.values.end()) {
          f.error(item, "value " + shown(*value) + " is not a value of issue " + shown(d.name) +
                            " in the domain; this profile does not match the domain", "value");
          ok = false;
          continue;
        }
        pugi::xml_attribute ev = item.attribute("evaluation");
        if (!ev || std::string_view(ev.value()) == "null") {
          f.error(item, "value " + shown(*value) + " has no evaluation (Genius cannot evaluate a bid with it)");
          ok = false;
          continue;
        }
        auto e = f.decimal(item, "evaluation", "an item");
        if (!e) {
          ok = false;
          continue;
        }
        if (e->sign() < 0) {
          f.error(item, "evaluation " + num(*e) + " is negative; Genius evaluations are 0 or more", "evaluation");
          ok = false;
          continue;
        }
        if (!evals.emplace(*value, *e).second) {
          f.error(item, "a second evaluation for value " + shown(*value), "value");
          ok = false;
        }
      }
      for (const std::string& v : d.values) {
        if (ok && evals.count(v) == 0) {
          f.error(issue, "value " + shown(v) + " of the domain has no evaluation here (Genius cannot evaluate a bid "
                         "with it); this profile does not match the domain");
          ok = false;
        }
      }
      if (!ok) continue;
      Rational max;
      for (const auto& [v, e] : evals) max = std::max(max, e);
      // EvaluatorDiscrete.normalize: eval / max, or 0 when max < 0.00001.
      const bool zero = max < Rational(1, 100000);
      for (const std::string& v : d.values) ip.option_values.push_back(zero ? Rational(0) : evals.at(v) / max);
      if (!zero && weights.count(d.index)) best_total += weights.at(d.index).first;
    } else {  // integer: slope * (v - lowerbound) + offset, clamped to [0, 1]
      auto lb = f.integer(issue, "lowerbound", "an integer issue");
      Rational slope, offset;
      if (pugi::xml_node ev = issue.child("evaluator")) {
        auto s = f.decimal(ev, "slope", "an integer evaluator");
        auto o = f.decimal(ev, "offset", "an integer evaluator");
        if (!s || !o) continue;
        slope = *s;
        offset = *o;
      }
      if (!lb) continue;
      auto f_at = [&](const Rational& x) { return slope * (x - Rational(*lb)) + offset; };
      auto clamp = [](const Rational& y) { return std::clamp(y, Rational(0), Rational(1)); };
      const Rational lo(d.lower), hi(d.upper);
      std::set<Rational> xs{lo, hi};
      if (!slope.is_zero()) {
        for (const Rational& level : {Rational(0), Rational(1)}) {
          Rational x = Rational(*lb) + (level - offset) / slope;  // where the line crosses 0 or 1
          if (x > lo && x < hi) xs.insert(x);
        }
      }
      for (const Rational& x : xs) ip.curve.emplace_back(x, clamp(f_at(x)));
      Rational top = std::max(clamp(f_at(lo)), clamp(f_at(hi)));
      if (weights.count(d.index)) best_total += weights.at(d.index).first * top;
    }
  }
  for (std::size_t i = 0; i < domain.issues.size(); ++i) {
    const DomainIssue& d = domain.issues[i];
    if (!found[i]) {
      f.error(*objective, "issue " + shown(d.name) + " (index " + std::to_string(d.index) +
                              ") of the domain is missing; this profile does not match the domain");
    } else if (weights.count(d.index) == 0) {
      f.error(found[i], "issue " + shown(d.name) + " (index " + std::to_string(d.index) +
                            ") has no <weight index=\"" + std::to_string(d.index) + "\">");
    }
  }
  for (const auto& [index, w] : weights) {
    if (by_index.count(index) == 0) {
      f.error(w.second, "a weight for index " + std::to_string(index) + ", which is not an issue of the domain",
              "index");
    }
  }
  if (f.problems.any()) return f.problems.failure();

  for (std::size_t i = 0; i < domain.issues.size(); ++i) {
    out.prefs.issues[i].weight = weights.at(domain.issues[i].index).first;
    out.weight_sum += out.prefs.issues[i].weight;
  }
  if (out.weight_sum.is_zero()) {
    f.error(*objective, "all weights are 0: every bid is worth 0 to this party, and parley's weights must have a "
                        "positive sum");
    return f.problems.failure();
  }
  if (out.reservation_written.sign() < 0) {
    f.error(root.child("reservation"), "reservation value " + num(out.reservation_written) +
                                           " is negative; parley's reservation utilities lie in [0, 1]",
            "value");
    return f.problems.failure();
  }
  out.prefs.reservation = out.reservation_written / out.weight_sum;
  if (out.prefs.reservation > 1) {
    f.error(root.child("reservation"),
            "reservation value " + num(out.reservation_written) + " is above every utility this profile can give "
                "(its weights sum to " + num(out.weight_sum) + "); after dividing by that sum it would be " +
                num(out.prefs.reservation) + ", outside [0, 1]",
            "value");
    return f.problems.failure();
  }
  out.cap_binds = best_total > 1;
  out.best_uncapped = best_total;
  return out;
}

// Party ids from file stems: unique, or the import fails (naming two parties
// "x" and "x_2" would hide which file is which).
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

Value decimal_meta(const Rational& r) { return Value::number(r); }

// A scenario has 2 or more parties, one per profile.
std::optional<Failure> too_few_profiles(const std::vector<std::string>& profiles, const std::string& domain) {
  if (profiles.size() >= 2) return std::nullopt;
  return Failure{profiles.empty() ? domain : profiles.front(),
                 {{"", "a scenario needs at least 2 parties: give one profile per party, 2 or more (found " +
                           std::to_string(profiles.size()) + ")"}},
                 FailureKind::unsupported};
}

}  // namespace

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

Result<Imported> import_genius(const std::string& domain_path, const std::vector<std::string>& profile_paths) {
  if (auto few = too_few_profiles(profile_paths, domain_path)) return *few;
  Result<GeniusDomain> domain_read = read_genius_domain(domain_path);
  if (!domain_read) return domain_read.failure();
  const GeniusDomain& domain = domain_read.value();
  std::vector<std::string> raw_ids;
  if (auto clash = party_ids(profile_paths, raw_ids)) return *clash;

  Imported imported;
  Scenario& s = imported.scenario;
  IdSet ids;
  for (const DomainIssue& d : domain.issues) {
    Issue is;
    is.id = ids.claim(genius_id(d.name, "issue_"));
    is.name = d.name;
    Value meta = meta_object();
    meta.add("genius_index", Value::integer(d.index)).add("genius_type", Value::string(std::string(type_word(d.type))));
    is.meta = compact(meta);
    if (d.type == GType::discrete) {
      is.kind = IssueKind::choice;
      is.options = d.values;
    } else {
      is.kind = IssueKind::number;
      is.min = Rational(d.lower);
      is.max = Rational(d.upper);
      is.step = 1;
    }
    s.issues.push_back(std::move(is));
  }
  for (std::size_t p = 0; p < profile_paths.size(); ++p) {
    Result<GeniusProfile> profile = read_genius_profile(profile_paths[p], domain);
    if (!profile) return profile.failure();
    GeniusProfile& g = profile.value();
    Party party;
    party.id = ids.claim(raw_ids[p]);
    party.name = file_stem(profile_paths[p]);
    Value meta = meta_object();
    meta.add("source", Value::string(file_name(profile_paths[p])))
        .add("weight_sum", decimal_meta(g.weight_sum))
        .add("reservation_value", decimal_meta(g.reservation_written));
    if (g.discount) meta.add("discount_factor", decimal_meta(*g.discount));
    if (g.cap_binds) meta.add("genius_cap_binds", Value::boolean(true));
    Value wrapped = meta_object();
    wrapped.add("genius", std::move(meta));
    g.prefs.meta = compact(wrapped);
    imported.parties.push_back({party.id, profile_paths[p], g.weight_sum, g.prefs.reservation, g.cap_binds});
    if (g.cap_binds) {
      imported.notes.push_back(party.id + ": the weights sum to " + num(g.weight_sum) + ", so the best bids are worth up "
                               "to " + num(g.best_uncapped) + " before Genius caps utility at 1; Genius ranks the "
                               "bids above 1 equal, parley (dividing by the sum) keeps them apart");
    }
    s.parties.push_back(std::move(party));
    s.preferences.emplace_back(std::move(g.prefs));
  }
  s.title = domain.name.empty() ? file_stem(domain_path) : domain.name;
  s.description = "Imported from Genius 10.4 files (" + file_name(domain_path) + ") by parley import genius.";
  Value profiles = Value::array();
  for (const std::string& p : profile_paths) profiles.push(Value::string(file_name(p)));
  Value source = meta_object();
  source.add("format", Value::string("genius"))
      .add("semantics", Value::string("Genius 10.4 AdditiveUtilitySpace"))
      .add("domain", Value::string(file_name(domain_path)))
      .add("profiles", std::move(profiles));
  s.meta = compact(meta_object().add("imported_from", std::move(source)));
  return finish(std::move(imported), domain_path);
}

// ---------------------------------------------------------------- GeniusWeb JSON

namespace {

struct WebIssue {
  std::string name;
  bool number = false;
  std::vector<std::string> values;  // discrete
  Rational low, high, step, last;   // number: grid low, low + step, ..., last <= high
};

struct WebDomain {
  std::string name;
  std::vector<WebIssue> issues;
  std::string pointer;  // where it was read
};

class JsonFile {
 public:
  explicit JsonFile(std::string source) { problems.source = std::move(source); }

  void error(std::string pointer, std::string message) { problems.add(std::move(pointer), std::move(message)); }

  const Value* object(const Value& v, const std::string& ptr, std::string_view what) {
    if (v.is_object()) return &v;
    error(ptr, "expected " + std::string(what) + " (a JSON object), found " + std::string(json::type_name(v.type())));
    return nullptr;
  }

  const Value* member(const Value& v, const std::string& ptr, std::string_view key, std::string_view what) {
    const Value* m = v.find(key);
    if (!m) error(ptr, std::string(what) + " needs \"" + std::string(key) + "\"");
    return m;
  }

  std::optional<Rational> number(const Value& v, const std::string& ptr) {
    if (!v.is_number()) {
      error(ptr, "expected a number, found " + std::string(json::type_name(v.type())));
      return std::nullopt;
    }
    std::string why;
    auto r = Rational::parse(v.text(), &why);
    if (!r) error(ptr, why);
    return r;
  }

  std::optional<Rational> unit_number(const Value& v, const std::string& ptr, std::string_view what) {
    auto r = number(v, ptr);
    if (r && (r->sign() < 0 || *r > 1)) {
      error(ptr, std::string(what) + " " + num(*r) + " is outside [0, 1] (GeniusWeb requires utilities in [0, 1])");
      return std::nullopt;
    }
    return r;
  }

  void only_keys(const Value& v, const std::string& ptr, std::initializer_list<std::string_view> allowed,
                 std::string_view what) {
    for (const auto& [key, _] : v.members()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      error(json::pointer_join(ptr, key), "unknown key " + shown(key) + " in " + std::string(what) + "; allowed: " + list);
    }
  }

  Problems problems;
};

std::optional<WebDomain> read_web_domain(JsonFile& f, const Value& v, const std::string& ptr) {
  const Value* d = f.object(v, ptr, "a GeniusWeb domain {\"name\", \"issuesValues\"}");
  if (!d) return std::nullopt;
  f.only_keys(*d, ptr, {"name", "issuesValues"}, "a GeniusWeb domain");
  WebDomain domain;
  domain.pointer = ptr;
  if (const Value* n = d->find("name"); n && n->is_string()) domain.name = n->text();
  const Value* iv = f.member(*d, ptr, "issuesValues", "a GeniusWeb domain");
  if (!iv) return std::nullopt;
  const std::string ivp = json::pointer_join(ptr, "issuesValues");
  if (!f.object(*iv, ivp, "\"issuesValues\": issue name to its values")) return std::nullopt;
  for (const auto& [name, set] : iv->members()) {
    const std::string p = json::pointer_join(ivp, name);
    WebIssue issue;
    issue.name = name;
    if (!f.object(set, p, "{\"values\": [...]} or {\"range\": {\"low\", \"high\", \"step\"}}")) continue;
    if (const Value* values = set.find("values")) {
      f.only_keys(set, p, {"values"}, "a discrete value set");
      const std::string vp = json::pointer_join(p, "values");
      if (!values->is_array()) {
        f.error(vp, "expected an array of value names");
        continue;
      }
      std::set<std::string> seen;
      for (std::size_t k = 0; k < values->items().size(); ++k) {
        const Value& item = values->items()[k];
        if (!item.is_string() || item.text().empty()) {
          f.error(json::pointer_join(vp, k), "expected a non-empty value name (a string)");
        } else if (!seen.insert(item.text()).second) {
          f.error(json::pointer_join(vp, k), "duplicate value " + shown(item.text()));
        } else {
          issue.values.push_back(item.text());
        }
      }
      if (issue.values.size() < 2 && seen.size() == values->items().size()) {
        f.error(vp, "issue " + shown(name) + " has " + std::to_string(issue.values.size()) +
                        " value(s); a parley choice needs at least 2");
      }
    } else if (const Value* range = set.find("range")) {
      f.only_keys(set, p, {"range"}, "a number value set");
      const std::string rp = json::pointer_join(p, "range");
      if (!f.object(*range, rp, "a range {\"low\", \"high\", \"step\"}")) continue;
      f.only_keys(*range, rp, {"low", "high", "step"}, "a range");
      const Value* lo = f.member(*range, rp, "low", "a range");
      const Value* hi = f.member(*range, rp, "high", "a range");
      const Value* st = f.member(*range, rp, "step", "a range");
      if (!lo || !hi || !st) continue;
      auto low = f.number(*lo, json::pointer_join(rp, "low"));
      auto high = f.number(*hi, json::pointer_join(rp, "high"));
      auto step = f.number(*st, json::pointer_join(rp, "step"));
      if (!low || !high || !step) continue;
      if (step->sign() <= 0) {
        f.error(json::pointer_join(rp, "step"), "step " + num(*step) + " must be greater than 0");
        continue;
      }
      if (*high < *low) {
        f.error(json::pointer_join(rp, "high"), "high " + num(*high) + " is below low " + num(*low));
        continue;
      }
      issue.number = true;
      issue.low = *low;
      issue.high = *high;
      issue.step = *step;
      issue.last = *low + ((*high - *low) / *step).floor() * *step;  // the range's values: low + k*step <= high
    } else {
      f.error(p, "a value set needs \"values\" (discrete) or \"range\" (numbers)");
      continue;
    }
    domain.issues.push_back(std::move(issue));
  }
  if (iv->members().empty()) f.error(ivp, "the domain has no issues");
  if (f.problems.any()) return std::nullopt;
  return domain;
}

bool same_domain(const WebDomain& a, const WebDomain& b) {
  if (a.issues.size() != b.issues.size()) return false;
  for (const WebIssue& x : a.issues) {
    auto y = std::find_if(b.issues.begin(), b.issues.end(), [&](const WebIssue& i) { return i.name == x.name; });
    if (y == b.issues.end() || x.number != y->number) return false;
    if (x.number && (x.low != y->low || x.high != y->high || x.step != y->step)) return false;
    if (!x.number && std::set<std::string>(x.values.begin(), x.values.end()) !=
                         std::set<std::string>(y->values.begin(), y->values.end())) {
      return false;
    }
  }
  return true;
}

struct WebProfile {
  std::string name;
  Preferences prefs;  // in the domain's issue order
  Rational weight_sum;
  bool has_reservation_bid = false;
  std::optional<WebDomain> embedded;
};

// value of issue i for one outcome value, exactly.
Rational web_number_utility(const IssuePreference& ip, const Rational& x) {
  if (ip.curve.size() == 1) return ip.curve[0].second;
  const auto& [x0, y0] = ip.curve.front();
  const auto& [x1, y1] = ip.curve.back();
  return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

// `reference`: the domain already known (from --domain or an earlier profile),
// whose issue and value order the preferences follow; nullptr for the first.
std::optional<WebProfile> read_web_profile(JsonFile& f, const Value& doc, const WebDomain* reference,
                                           const std::string& reference_source) {
  if (!doc.is_object()) {
    f.error("", "expected a GeniusWeb profile {\"LinearAdditiveUtilitySpace\": {...}}, found " +
                    std::string(json::type_name(doc.type())));
    return std::nullopt;
  }
  if (doc.find("issuesValues")) {
    f.error("", "this is a GeniusWeb domain, not a profile; pass it with --domain");
    return std::nullopt;
  }
  const Value* las = doc.find("LinearAdditiveUtilitySpace");
  if (!las || doc.members().size() != 1) {
    std::string kind = doc.members().empty() ? std::string("an empty object") : shown(doc.members()[0].first);
    f.error(doc.members().empty() ? "" : json::pointer_join("", doc.members()[0].first),
            "expected a LinearAdditiveUtilitySpace profile, found " + kind +
                "; parley imports linear additive spaces only, because other GeniusWeb profiles (sums of "
                "groups, partial orderings) cannot be represented exactly as weighted sums of per-issue values");
    return std::nullopt;
  }
  const std::string lp = "/LinearAdditiveUtilitySpace";
  if (!f.object(*las, lp, "a LinearAdditiveUtilitySpace")) return std::nullopt;
  f.only_keys(*las, lp, {"name", "domain", "issueUtilities", "issueWeights", "reservationBid"},
              "a LinearAdditiveUtilitySpace");
  WebProfile out;
  if (const Value* n = las->find("name"); n && n->is_string()) out.name = n->text();
  if (const Value* d = las->find("domain")) out.embedded = read_web_domain(f, *d, json::pointer_join(lp, "domain"));
  if (f.problems.any()) return std::nullopt;
  if (reference && out.embedded && !same_domain(*reference, *out.embedded)) {
    f.error(json::pointer_join(lp, "domain"), "the embedded domain differs from the domain in " + reference_source +
                                                  "; all profiles must share one domain");
    return std::nullopt;
  }
  const WebDomain* domain = reference ? reference : (out.embedded ? &*out.embedded : nullptr);
  if (!domain) {
    f.error(lp, "the profile does not embed its domain (\"domain\"); give the domain file with --domain");
    return std::nullopt;
  }
  const Value* utils = f.member(*las, lp, "issueUtilities", "a LinearAdditiveUtilitySpace");
  const Value* weights = f.member(*las, lp, "issueWeights", "a LinearAdditiveUtilitySpace");
  if (!utils || !weights) return std::nullopt;
  const std::string up = json::pointer_join(lp, "issueUtilities");
  const std::string wp = json::pointer_join(lp, "issueWeights");
  if (!f.object(*utils, up, "\"issueUtilities\"") || !f.object(*weights, wp, "\"issueWeights\"")) return std::nullopt;

  auto issue_at = [&](const std::string& name) -> int {
    for (std::size_t i = 0; i < domain->issues.size(); ++i) {
      if (domain->issues[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  out.prefs.issues.resize(domain->issues.size());
  std::vector<bool> has_util(domain->issues.size(), false), has_weight(domain->issues.size(), false);
  for (const auto& [name, w] : weights->members()) {
    const std::string p = json::pointer_join(wp, name);
    int i = issue_at(name);
    if (i < 0) {
      f.error(p, "a weight for " + shown(name) + ", which is not an issue of the domain; the profile does not match "
                 "the domain");
      continue;
    }
    auto x = f.number(w, p);
    if (!x) continue;
    if (x->sign() < 0) {
      f.error(p, "weight " + num(*x) + " is negative; weights must be 0 or more");
      continue;
    }
    out.prefs.issues[static_cast<std::size_t>(i)].weight = *x;
    has_weight[static_cast<std::size_t>(i)] = true;
  }
  for (const auto& [name, u] : utils->members()) {
    const std::string p = json::pointer_join(up, name);
    int i = issue_at(name);
    if (i < 0) {
      f.error(p, "utilities for " + shown(name) + ", which is not an issue of the domain; the profile does not match "
                 "the domain");
      continue;
    }
    const WebIssue& issue = domain->issues[static_cast<std::size_t>(i)];
    IssuePreference& ip = out.prefs.issues[static_cast<std::size_t>(i)];
    if (!u.is_object() || u.members().size() != 1) {
      f.error(p, "expected one of {\"discreteutils\": {...}} or {\"numberutils\": {...}} (or the class names "
                 "DiscreteValueSetUtilities / NumberValueSetUtilities)");
      continue;
    }
    const auto& [kind, body] = u.members()[0];
    const std::string kp = json::pointer_join(p, kind);
    const bool discrete = kind == "discreteutils" || kind == "DiscreteValueSetUtilities";
    const bool number = kind == "numberutils" || kind == "NumberValueSetUtilities";
    if (!discrete && !number) {
      f.error(kp, "unknown value-set utilities " + shown(kind) + "; GeniusWeb has discreteutils "
                  "(DiscreteValueSetUtilities) and numberutils (NumberValueSetUtilities)");
      continue;
    }
    if (discrete != !issue.number) {
      f.error(kp, std::string(discrete ? "discrete" : "number") + " utilities for " + shown(name) + ", which is a " +
                      (issue.number ? "number" : "discrete") + " issue in the domain; the profile does not match "
                      "the domain");
      continue;
    }
    if (!f.object(body, kp, "the utilities")) continue;
    has_util[static_cast<std::size_t>(i)] = true;
    if (discrete) {
      f.only_keys(body, kp, {"valueUtilities"}, "discrete utilities");
      const Value* vu = f.member(body, kp, "valueUtilities", "discrete utilities");
      if (!vu) continue;
      const std::string vp = json::pointer_join(kp, "valueUtilities");
      if (!f.object(*vu, vp, "\"valueUtilities\": value to utility")) continue;
      ip.option_values.assign(issue.values.size(), Rational(0));
      std::vector<bool> given(issue.values.size(), false);
      for (const auto& [value, x] : vu->members()) {
        const std::string xp = json::pointer_join(vp, value);
        auto at = std::find(issue.values.begin(), issue.values.end(), value);
        if (at == issue.values.end()) {
          f.error(xp, "value " + shown(value) + " is not a value of " + shown(name) +
                          " in the domain; the profile does not match the domain");
          continue;
        }
        auto y = f.unit_number(x, xp, "utility");
        if (!y) continue;
        const auto o = static_cast<std::size_t>(at - issue.values.begin());
        ip.option_values[o] = *y;
        given[o] = true;
      }
      for (std::size_t o = 0; o < issue.values.size(); ++o) {
        if (!given[o]) {
          f.error(vp, "value " + shown(issue.values[o]) + " of the domain has no utility (GeniusWeb requires one for "
                      "every value); the profile does not match the domain");
        }
      }
    } else {
      f.only_keys(body, kp, {"lowValue", "lowUtility", "highValue", "highUtility"}, "number utilities");
      std::optional<Rational> got[4];
      const char* keys[4] = {"lowValue", "lowUtility", "highValue", "highUtility"};
      for (int k = 0; k < 4; ++k) {
        if (const Value* x = f.member(body, kp, keys[k], "number utilities")) {
          const std::string xp = json::pointer_join(kp, keys[k]);
          got[k] = (k % 2 == 1) ? f.unit_number(*x, xp, keys[k]) : f.number(*x, xp);
        }
      }
      if (!got[0] || !got[1] || !got[2] || !got[3]) continue;
      // NumberValueSetUtilities.isFitting: the utilities span exactly the domain's range.
      if (*got[0] != issue.low) {
        f.error(json::pointer_join(kp, "lowValue"), "lowValue " + num(*got[0]) + " is not the low end " +
                                                        num(issue.low) + " of the domain's range (GeniusWeb rejects "
                                                        "such a profile)");
        continue;
      }
      if (*got[2] != issue.high) {
        f.error(json::pointer_join(kp, "highValue"), "highValue " + num(*got[2]) + " is not the high end " +
                                                         num(issue.high) + " of the domain's range (GeniusWeb "
                                                         "rejects such a profile)");
        continue;
      }
      if (!(*got[2] > *got[0])) {
        f.error(json::pointer_join(kp, "highValue"), "highValue must be above lowValue");
        continue;
      }
      // Linear between (low, lowUtility) and (high, highUtility), written at the grid's ends.
      ip.curve = {{*got[0], *got[1]}, {*got[2], *got[3]}};
      const Rational at_last = web_number_utility(ip, issue.last);
      ip.curve = {{issue.low, *got[1]}};
      if (issue.last != issue.low) ip.curve.emplace_back(issue.last, at_last);
    }
  }
  for (std::size_t i = 0; i < domain->issues.size(); ++i) {
    const std::string& name = domain->issues[i].name;
    if (!has_weight[i]) f.error(wp, "issue " + shown(name) + " has no weight; the profile does not match the domain");
    if (!has_util[i]) f.error(up, "issue " + shown(name) + " has no utilities; the profile does not match the domain");
  }
  if (f.problems.any()) return std::nullopt;
  for (const IssuePreference& ip : out.prefs.issues) out.weight_sum += ip.weight;
  if (out.weight_sum.is_zero()) {
    f.error(wp, "all weights are 0: every bid is worth 0 to this party, and parley's weights must have a positive sum");
    return std::nullopt;
  }

  // The reservation bid's utility, exactly; issues it leaves out count 0, as in GeniusWeb.
  Rational reservation;
  if (const Value* rb = las->find("reservationBid"); rb && !rb->is_null()) {
    const std::string rp = json::pointer_join(lp, "reservationBid");
    if (!f.object(*rb, rp, "a bid {\"issuevalues\": {...}}")) return std::nullopt;
    f.only_keys(*rb, rp, {"issuevalues"}, "a bid");
    const Value* values = f.member(*rb, rp, "issuevalues", "a bid");
    if (!values || !f.object(*values, json::pointer_join(rp, "issuevalues"), "\"issuevalues\"")) return std::nullopt;
    for (const auto& [name, v] : values->members()) {
      const std::string p = json::pointer_join(json::pointer_join(rp, "issuevalues"), name);
      int i = issue_at(name);
      if (i < 0) {
        f.error(p, shown(name) + " is not an issue of the domain");
        continue;
      }
      const WebIssue& issue = domain->issues[static_cast<std::size_t>(i)];
      const IssuePreference& ip = out.prefs.issues[static_cast<std::size_t>(i)];
      if (!issue.number) {
        auto at = v.is_string() ? std::find(issue.values.begin(), issue.values.end(), v.text()) : issue.values.end();
        if (at == issue.values.end()) {
          f.error(p, "expected one of the values of " + shown(name) + " (a string)");
          continue;
        }
        reservation += ip.weight * ip.option_values[static_cast<std::size_t>(at - issue.values.begin())];
      } else {
        auto x = f.number(v, p);
        if (!x) continue;
        if (*x < issue.low || *x > issue.last || !((*x - issue.low) / issue.step).is_integer()) {
          f.error(p, num(*x) + " is not a value of " + shown(name) + " (" + num(issue.low) + " to " + num(issue.last) +
                         " in steps of " + num(issue.step) + ")");
          continue;
        }
        reservation += ip.weight * web_number_utility(ip, *x);
      }
    }
    out.has_reservation_bid = true;
  }
  if (f.problems.any()) return std::nullopt;
  out.prefs.reservation = reservation / out.weight_sum;
  return out;
}

}  // namespace

Result<Imported> import_geniusweb(const std::vector<std::string>& profile_paths, const std::string& domain_path) {
  if (auto few = too_few_profiles(profile_paths, domain_path)) return *few;
  std::optional<WebDomain> given;
  if (!domain_path.empty()) {
    Result<Value> doc = json::parse_file(domain_path);
    if (!doc) return doc.failure();
    JsonFile f(domain_path);
    const Value& root = doc.value();
    if (root.is_object() && root.find("LinearAdditiveUtilitySpace")) {
      f.error("", "this is a GeniusWeb profile, not a domain; give profiles as arguments and the domain with --domain");
      return f.problems.failure();
    }
    given = read_web_domain(f, root, "");
    if (!given) return f.problems.failure();
  }
  std::vector<std::string> raw_ids;
  if (auto clash = party_ids(profile_paths, raw_ids)) return *clash;

  std::vector<WebProfile> profiles;
  std::optional<WebDomain> domain = given;
  std::string domain_source = domain_path;
  for (const std::string& path : profile_paths) {
    Result<Value> doc = json::parse_file(path);
    if (!doc) return doc.failure();
    JsonFile f(path);
    auto profile = read_web_profile(f, doc.value(), domain ? &*domain : nullptr, domain_source);
    if (!profile) return f.problems.failure();
    if (!domain) {
      domain = profile->embedded;
      domain_source = path;
    }
    profiles.push_back(std::move(*profile));
  }

  Imported imported;
  Scenario& s = imported.scenario;
  IdSet ids;
  for (const WebIssue& wi : domain->issues) {
    Issue is;
    is.id = ids.claim(genius_id(wi.name, "issue_"));
    is.name = wi.name;
    if (wi.number) {
      is.kind = IssueKind::number;
      is.min = wi.low;
      is.max = wi.last;
      is.step = wi.step;
      if (wi.last != wi.high) {
        is.meta = compact(meta_object().add("geniusweb_range_high", Value::number(wi.high)));
      }
    } else {
      is.kind = IssueKind::choice;
      is.options = wi.values;
    }
    s.issues.push_back(std::move(is));
  }
  for (std::size_t p = 0; p < profiles.size(); ++p) {
    WebProfile& w = profiles[p];
    Preferences prefs = std::move(w.prefs);
    Party party;
    party.id = ids.claim(raw_ids[p]);
    party.name = w.name.empty() ? file_stem(profile_paths[p]) : w.name;
    Value meta = meta_object();
    meta.add("source", Value::string(file_name(profile_paths[p]))).add("weight_sum", Value::number(w.weight_sum));
    if (w.has_reservation_bid) meta.add("reservation_from_bid", Value::boolean(true));
    prefs.meta = compact(meta_object().add("geniusweb", std::move(meta)));
    imported.parties.push_back({party.id, profile_paths[p], w.weight_sum, prefs.reservation, false});
    if (w.weight_sum != 1) {
      imported.notes.push_back("the weights of " + party.id + " sum to " + num(w.weight_sum) +
                               ", not 1 as GeniusWeb requires; parley divides them by that sum");
    }
    s.parties.push_back(std::move(party));
    s.preferences.emplace_back(std::move(prefs));
  }
  s.title = domain->name.empty() ? "GeniusWeb domain" : domain->name;
  s.description = "Imported from GeniusWeb profiles by parley import geniusweb.";
  Value files = Value::array();
  for (const std::string& p : profile_paths) files.push(Value::string(file_name(p)));
  Value source = meta_object();
  source.add("format", Value::string("geniusweb"))
      .add("semantics", Value::string("GeniusWeb LinearAdditiveUtilitySpace"));
  if (!domain_path.empty()) source.add("domain", Value::string(file_name(domain_path)));
  source.add("profiles", std::move(files));
  s.meta = compact(meta_object().add("imported_from", std::move(source)));
  return finish(std::move(imported), profile_paths.empty() ? domain_path : profile_paths.front());
}

}  // namespace parley
