// Importing Genius 10.4 XML: a domain and one linear additive profile per
// party (genius_import.h).
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "parley/core/files.h"
#include "parley/io/genius_import.h"
#include "parley/io/genius_import_internal.h"
#include "parley/io/messages.h"
#include "parley/io/xml.h"

namespace parley {

namespace {

using json::Value;
using namespace io_internal;

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
// An integer beyond them (even beyond 64 bits) is told apart from text that is
// no integer at all, so the message can give the range.
std::optional<std::int64_t> java_int(std::string_view text, std::string* why) {
  std::string_view digits = text;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    *why = shown(text) + " is not an integer (an optional sign, then decimal digits)";
    return std::nullopt;
  }
  const std::string_view number = text.front() == '+' ? text.substr(1) : text;  // from_chars reads '-' only
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
  if (ec != std::errc() || end != number.data() + number.size() || v < -2147483648LL || v > 2147483647LL) {
    *why = shown(text) + " is outside the integers Genius reads (a Java int): allowed -2147483648 to 2147483647";
    return std::nullopt;
  }
  return v;
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
  std::unordered_map<std::string, std::size_t> position;  // discrete: value -> its place in `values`
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
    // The same cap as for JSON files.
    Result<std::string> text = read_text_file(path, json::ParseLimits{}.max_bytes, MissingFile::no_such_file);
    if (!text) return text.failure();
    auto file = std::unique_ptr<XmlFile>(new XmlFile());
    file->problems.source = path;
    file->text_ = std::move(text).value();
    if (std::optional<XmlError> e = make_well_formed_utf8(file->text_)) return file->invalid(path, e->offset, e->message);
    pugi::xml_parse_result r = file->doc.load_buffer(file->text_.data(), file->text_.size(),
                                                     pugi::parse_default | pugi::parse_ws_pcdata_single,
                                                     pugi::encoding_utf8);
    if (!r) return file->invalid(path, static_cast<std::size_t>(std::max<std::ptrdiff_t>(r.offset, 0)), r.description());
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
    // Locating a problem costs a walk over its siblings: past the cap, a file
    // with 300,000 bad items would pay it 300,000 times for nothing kept.
    if (problems.list.size() >= kMaxErrorsPerFile) return;
    std::string where = path_of(n);
    if (attribute) where += std::string("/@") + attribute;
    const std::ptrdiff_t offset = n.offset_debug();
    if (offset >= 0) message += " (line " + std::to_string(text_position(text_, static_cast<std::size_t>(offset)).line) + ")";
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
    std::string why;
    auto v = java_int(*text, &why);
    if (!v) error(n, std::string(what) + ": " + why, attribute);
    return v;
  }

  pugi::xml_document doc;
  Problems problems;

 private:
  XmlFile() = default;
  Result<std::unique_ptr<XmlFile>> invalid(const std::string& path, std::size_t offset, const std::string& what) const {
    const TextPosition at = text_position(text_, offset);
    return Result<std::unique_ptr<XmlFile>>::fail(
        path, "", "invalid XML at line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": " + what);
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
    // Genius 10.4's domain loader (DomainImpl) goes by "type" alone: an issue
    // without one is discrete, as in Genius's own AMPOvsCity template, and
    // "vtype" is never used. A "vtype" naming another kind would then be
    // silently overruled, so that file is refused rather than read either way.
    std::optional<GType> type = GType::discrete;
    if (pugi::xml_attribute t = issue.attribute("type")) {
      type = genius_type(t.value());
      if (!type) {
        f.error(issue, "unknown issue type " + shown(t.value()) + "; Genius issue types are discrete, integer and real",
                "type");
      }
    } else if (pugi::xml_attribute v = issue.attribute("vtype")) {
      const std::optional<GType> said = genius_type(v.value());
      if (said && *said != GType::discrete) {
        f.error(issue, "vtype=" + shown(v.value()) + " without a \"type\": Genius reads an issue without \"type\" as "
                       "discrete, whatever its vtype; write type=" + shown(v.value()) + " if the issue is " +
                       std::string(type_word(*said)),
                "vtype");
        type.reset();
      }
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
        bool ok = true;
        std::size_t items = 0;
        for (pugi::xml_node item = issue.child("item"); item; item = item.next_sibling("item")) {
          if (++items > kMaxValues) {
            f.error(item, too_many_values(*name));
            ok = false;
            break;
          }
          auto value = f.required(item, "value", "an item");
          if (!value) {
            ok = false;
          } else if (value->empty()) {
            f.error(item, "an empty value name: parley's options need a name", "value");
            ok = false;
          } else if (!d.position.emplace(*value, d.values.size()).second) {
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
  // A <weight> or <issue> that is there but wrong is reported as wrong, not
  // also as missing: `weighed` holds the indices with a <weight>, readable or
  // not, and one whose index cannot be read might be meant for any issue.
  std::map<int, std::pair<Rational, pugi::xml_node>> weights;
  std::set<int> weighed;
  bool weight_unindexed = false, issue_unindexed = false;
  for (pugi::xml_node w = objective->child("weight"); w; w = w.next_sibling("weight")) {
    auto index = f.integer(w, "index", "a weight");
    if (index) weighed.insert(static_cast<int>(*index));
    weight_unindexed = weight_unindexed || !index;
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
    if (!index) {
      issue_unindexed = true;
      continue;
    }
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
      std::vector<std::optional<Rational>> evals(d.values.size());  // by the value's place in the domain
      std::vector<bool> present(d.values.size(), false);             // an <item> names it, readable or not
      bool ok = true, unnamed = false;
      for (pugi::xml_node item = issue.child("item"); item; item = item.next_sibling("item")) {
        auto value = f.required(item, "value", "an item");
        if (!value) {
          ok = false;
          unnamed = true;
          continue;
        }
        const auto known = d.position.find(*value);
        if (known == d.position.end()) {
          f.error(item, "value " + shown(*value) + " is not a value of issue " + shown(d.name) +
                            " in the domain; this profile does not match the domain", "value");
          ok = false;
          continue;
        }
        const std::size_t o = known->second;
        if (present[o]) {
          f.error(item, "a second evaluation for value " + shown(*value), "value");
          ok = false;
          continue;
        }
        present[o] = true;
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
        evals[o] = *e;
      }
      // An <item> without a value may be the one meant for a value, so none is
      // then said to be missing; otherwise the first missing one is named.
      const std::size_t missing = static_cast<std::size_t>(std::count(present.begin(), present.end(), false));
      if (missing > 0 && !unnamed) {
        const std::size_t o = static_cast<std::size_t>(std::find(present.begin(), present.end(), false) - present.begin());
        f.error(issue, "value " + shown(d.values[o]) + " of the domain has no evaluation here (Genius cannot evaluate "
                       "a bid with it); this profile does not match the domain" +
                           (missing > 1 ? "; " + std::to_string(missing - 1) + " more of its values have none" : ""));
      }
      ok = ok && missing == 0;
      if (!ok) continue;
      Rational max;
      for (const std::optional<Rational>& e : evals) max = std::max(max, *e);
      // EvaluatorDiscrete.normalize: eval / max, or 0 when max < 0.00001.
      const bool zero = max < Rational(1, 100000);
      for (const std::optional<Rational>& e : evals) ip.option_values.push_back(zero ? Rational(0) : *e / max);
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
      if (!issue_unindexed) {
        f.error(*objective, "issue " + shown(d.name) + " (index " + std::to_string(d.index) +
                                ") of the domain is missing; this profile does not match the domain");
      }
    } else if (weighed.count(d.index) == 0 && !weight_unindexed) {
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

Value decimal_meta(const Rational& r) { return Value::number(r); }

}  // namespace

Result<Imported> import_genius(const std::string& domain_path, const std::vector<std::string>& profile_paths) {
  if (auto count = profile_count(profile_paths, domain_path)) return *count;
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

}  // namespace parley
