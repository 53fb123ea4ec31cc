#include "parley/render/report_html.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parley/analysis/constraints.h"
#include "parley/core/number_text.h"
#include "parley/core/text.h"
#include "parley/render/answer_svg.h"
#include "parley/render/frontier_svg.h"
#include "parley/render/map_svg.h"

namespace parley::render {

namespace {

// ---- words --------------------------------------------------------------------

std::string esc(std::string_view text) { return xml_escape(text); }

std::string party_text(const Scenario& s, int p) { return party_name(s, p); }

std::string issue_text(const Scenario& s, int i) {
  const Issue& is = s.issues[static_cast<std::size_t>(i)];
  return is.name.empty() ? is.id : is.name;
}

// "a, b and c"; "a or b" with `last` = " or ".
std::string join_words(const std::vector<std::string>& words, const std::string& last = " and ") {
  std::string out;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > 0) out += k + 1 == words.size() ? last : ", ";
    out += words[k];
  }
  return out;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A utility (a fraction of everything a party can get) as a percentage.
std::string pct(const Rational& r) { return percent_beside(r, r, 1); }

// The sum of party p's raw weights: their own points, when they wrote weights
// that sum to more than 1 (100 points, 1000 points).
Rational points_total(const Scenario& s, int p) {
  Rational total;
  if (const auto& prefs = s.preferences[static_cast<std::size_t>(p)]) {
    for (const IssuePreference& ip : prefs->issues) total += ip.weight;
  }
  return total;
}

bool has_points(const Scenario& s, int p) { return points_total(s, p) > Rational(1); }

// "70.0%" and, in the scenario's own points, " (70 of their 100 points)".
std::string worth(const Scenario& s, int p, const Rational& u) {
  std::string text = pct(u);
  if (has_points(s, p)) {
    const Rational w = points_total(s, p);
    text += " (" + amount(u * w, 1) + " of " + amount(w) + " points)";
  }
  return text;
}

// A difference in party p's utility: "5.0 points" or "5.0% of everything".
std::string worth_difference(const Scenario& s, int p, const Rational& d) {
  if (has_points(s, p)) return amount(d * points_total(s, p), 1) + " of their points";
  return pct(d) + " of what everything is worth to them";
}

std::string option_text(const std::string& option) {
  std::string out = option;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string holder_text(const Scenario& s, Holder h) {
  if (h >= 0) return party_text(s, h);
  return h == kJoint ? "held jointly" : "neutral (held by none of them)";
}

std::string number_text(const Issue& is, const Rational& x) {
  return amount(x) + (is.unit.empty() ? "" : " " + is.unit);
}

std::string share_text(const Scenario& s, const std::vector<Rational>& shares) {
  std::vector<std::string> parts;
  for (std::size_t p = 0; p < shares.size(); ++p) {
    if (shares[p].is_zero()) continue;
    parts.push_back(party_text(s, static_cast<int>(p)) + " " + pct(shares[p]));
  }
  return parts.empty() ? "nobody" : join_words(parts, ", ");
}

std::string value_text(const Scenario& s, int i, const IssueValue& v) {
  const Issue& is = s.issues[static_cast<std::size_t>(i)];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: return holder_text(s, v.holder);
    case IssueKind::share: return share_text(s, v.shares);
    case IssueKind::choice: return option_text(is.options[static_cast<std::size_t>(v.option)]);
    case IssueKind::number: return number_text(is, v.number);
  }
  return "";
}

// What can be decided on an issue, in words.
std::string domain_text(const Scenario& s, const Issue& is) {
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: {
      std::vector<std::string> who;
      for (std::size_t p = 0; p < s.parties.size(); ++p) who.push_back(party_text(s, static_cast<int>(p)));
      std::string text = std::string(is.kind == IssueKind::region ? "a region; goes to " : "goes whole to ") +
                         join_words(who, " or ");
      if (is.joint) text += ", or is held jointly";
      if (is.neutral) text += ", or is neutral (held by none of them)";
      return text;
    }
    case IssueKind::share: return "divided in steps of " + pct(is.step);
    case IssueKind::choice: {
      std::vector<std::string> options;
      for (const std::string& o : is.options) options.push_back(option_text(o));
      return "one of: " + join_words(options, " or ");
    }
    case IssueKind::number:
      return "from " + number_text(is, is.min) + " to " + number_text(is, is.max) + " in steps of " + amount(is.step);
  }
  return "";
}

std::string leaf_condition_text(const Scenario& s, const Condition& c) {
  const std::string issue = c.issue >= 0 ? issue_text(s, c.issue) : "";
  switch (c.kind) {
    case Condition::Kind::owner: {
      std::vector<std::string> who;
      for (Holder h : c.owners) who.push_back(h == kJoint ? "both or all jointly" : h == kNeutral ? "neutral" : party_text(s, h));
      return issue + " is held by " + join_words(who, " or ");
    }
    case Condition::Kind::in: {
      std::vector<std::string> options;
      const Issue& is = s.issues[static_cast<std::size_t>(c.issue)];
      for (int o : c.options) options.push_back(option_text(is.options[static_cast<std::size_t>(o)]));
      return issue + " is " + join_words(options, " or ");
    }
    case Condition::Kind::range: {
      const Issue& is = s.issues[static_cast<std::size_t>(c.issue)];
      if (c.min && c.max) {
        return *c.min == *c.max ? issue + " is exactly " + number_text(is, *c.min)
                                : issue + " is between " + amount(*c.min) + " and " + number_text(is, *c.max);
      }
      if (c.min) return issue + " is at least " + number_text(is, *c.min);
      if (c.max) return issue + " is at most " + number_text(is, *c.max);
      return issue + " is any value";
    }
    case Condition::Kind::party_share: {
      const std::string who = party_text(s, c.party) + "'s part of " + issue;
      if (c.min && c.max) return who + " is between " + pct(*c.min) + " and " + pct(*c.max);
      if (c.min) return who + " is at least " + pct(*c.min);
      if (c.max) return who + " is at most " + pct(*c.max);
      return who + " is any part";
    }
    default: return "";
  }
}

// A condition in words, with names. Conditions nest without a bound set by
// the format, so the tree is walked with an explicit stack, not recursion.
std::string condition_text(const Scenario& s, const Condition& root) {
  struct Frame {
    const Condition* c;
    std::size_t next = 0;
    std::vector<std::string> parts;
  };
  std::vector<Frame> stack;
  stack.push_back({&root});
  std::string result;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const Condition& c = *f.c;
    const bool compound =
        c.kind == Condition::Kind::all || c.kind == Condition::Kind::any || c.kind == Condition::Kind::negation;
    if (compound && f.next < c.children.size()) {
      const Condition* child = &c.children[f.next++];
      stack.push_back({child});  // f is not used after this
      continue;
    }
    std::string done;
    if (!compound) {
      done = leaf_condition_text(s, c);
    } else if (c.kind == Condition::Kind::negation) {
      done = "not (" + (f.parts.empty() ? std::string() : f.parts[0]) + ")";
    } else {
      done = join_words(f.parts, c.kind == Condition::Kind::all ? " and " : " or ");
      // Inside "not (...)" the negation's own parentheses are enough.
      const bool under_not = stack.size() > 1 && stack[stack.size() - 2].c->kind == Condition::Kind::negation;
      if (stack.size() > 1 && f.parts.size() > 1 && !under_not) done = "(" + done + ")";
    }
    stack.pop_back();
    if (stack.empty()) {
      result = std::move(done);
    } else {
      stack.back().parts.push_back(std::move(done));
    }
  }
  return result;
}

std::string issues_text(const Scenario& s, const std::vector<int>& issues) {
  std::vector<std::string> names;
  for (int i : issues) names.push_back(issue_text(s, i));
  return join_words(names);
}

std::string rule_text(const Scenario& s, const Rule& r) {
  switch (r.kind) {
    case Rule::Kind::contiguous: {
      std::vector<std::string> who;
      if (r.parties.empty()) {
        for (std::size_t p = 0; p < s.parties.size(); ++p) who.push_back(party_text(s, static_cast<int>(p)));
      } else {
        for (int p : r.parties) who.push_back(party_text(s, p));
      }
      std::string text = "The regions held by " + (who.size() == 1 ? who[0] : "each of " + join_words(who)) +
                         " form one connected piece of the map";
      std::vector<std::string> anchors;
      for (const auto& [p, i] : r.anchors) anchors.push_back(party_text(s, p) + "'s around " + issue_text(s, i));
      if (!anchors.empty()) text += ", " + join_words(anchors);
      return text + ".";
    }
    case Rule::Kind::same_owner: return issues_text(s, r.issues) + " go together: the same holder for all.";
    case Rule::Kind::implies:
      return "If " + condition_text(s, r.condition) + ", then " + condition_text(s, r.consequence) + ".";
    case Rule::Kind::require: {
      std::string text = condition_text(s, r.condition);
      if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
      return "Always: " + text + ".";
    }
    case Rule::Kind::count: {
      std::string bound;
      if (r.min && r.max) {
        bound = *r.min == *r.max ? "exactly " + std::to_string(*r.min)
                                 : "between " + std::to_string(*r.min) + " and " + std::to_string(*r.max);
      } else if (r.min) {
        bound = "at least " + std::to_string(*r.min);
      } else if (r.max) {
        bound = "at most " + std::to_string(*r.max);
      }
      return party_text(s, r.party) + " holds " + bound + " of " + issues_text(s, r.issues) + ".";
    }
  }
  return "";
}

std::string status_text(const SolveResponse& r) {
  switch (r.status) {
    case SolveStatus::optimal: return "proved best under this method";
    case SolveStatus::done: return "the procedure's result (it makes no claim to be the best package)";
    case SolveStatus::feasible: return "the best package found before the time limit; not proved best (" + gap_short(r.gap) + ")";
    case SolveStatus::infeasible: return "no package meets every agreed term, rule and red line together";
    case SolveStatus::no_agreement_zone:
      return "packages meet every agreed term, rule and red line, but none gives every party at least their no-deal "
             "position";
    case SolveStatus::time_limit: return "the time limit ended the search before any package was found";
  }
  return "";
}

// ---- HTML pieces ---------------------------------------------------------------

struct Html {
  std::string out;
  Html& raw(std::string_view s) {
    out += s;
    return *this;
  }
  Html& text(std::string_view s) {
    out += esc(s);
    return *this;
  }
  // <tag attrs>escaped text</tag>
  Html& el(std::string_view tag, std::string_view content, std::string_view attrs = "") {
    out += "<";
    out += tag;
    if (!attrs.empty()) {
      out += " ";
      out += attrs;
    }
    out += ">";
    out += esc(content);
    out += "</";
    out += tag;
    out += ">\n";
    return *this;
  }
  Html& p(std::string_view content, std::string_view attrs = "") { return el("p", content, attrs); }
};

// A colour swatch for party p, the same colour as on the map.
std::string swatch(int p) {
  return "<span class=\"r-swatch\" style=\"background:" + esc(holder_fill(p)) + "\"></span>";
}

// An inline SVG for an HTML page: without the XML namespace declaration
// (HTML puts <svg> in its namespace itself; and the page must name no URL).
std::string inline_svg(std::string svg) {
  for (const std::string_view attr : {std::string_view(" xmlns='http://www.w3.org/2000/svg'"),
                                      std::string_view(" xmlns=\"http://www.w3.org/2000/svg\"")}) {
    if (const std::size_t at = svg.find(attr); at != std::string::npos) svg.erase(at, attr.size());
  }
  if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find("?>") + 2);
  return svg;
}

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
body { font-family: Georgia, "DejaVu Serif", serif; font-size: 11pt; line-height: 1.45; color: #1d1d1d;
       max-width: 190mm; margin: 0 auto; padding: 10mm 8mm; background: white; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 4pt 0; }
h2 { font-size: 14pt; margin: 18pt 0 6pt 0; border-bottom: 1.5pt solid #4e79a7; padding-bottom: 2pt; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt 0; }
p { margin: 4pt 0 6pt 0; }
.r-sub { color: #555; margin-bottom: 10pt; }
.r-lead { font-size: 11.5pt; }
.r-note { color: #555; font-size: 9.5pt; }
.r-contents { font-size: 10pt; color: #333; border: 1px solid #ccc; padding: 4pt 8pt; margin: 8pt 0; }
.r-contents ol { margin: 2pt 0; padding-left: 16pt; columns: 2; }
table.r-table { border-collapse: collapse; width: 100%; margin: 6pt 0 8pt 0; font-size: 10pt; }
table.r-table th, table.r-table td { border-bottom: 1px solid #ddd; padding: 3pt 6pt; text-align: left; vertical-align: top; }
table.r-table th { background: #f1f4f8; font-weight: bold; }
table.r-table td.r-num, table.r-table th.r-num { text-align: right; }
table.r-table td.r-num { white-space: nowrap; }
table.r-table td.r-who { white-space: nowrap; }
tr.r-changed td { background: #fff6e0; }
.r-swatch { display: inline-block; width: 9pt; height: 9pt; border: 1px solid #555; margin-right: 4pt;
            vertical-align: baseline; }
ul.r-list { margin: 4pt 0 8pt 0; padding-left: 16pt; }
ul.r-list li { margin: 2pt 0; }
.r-yes { color: #1b6e2d; font-weight: bold; }
.r-no { color: #a3281e; font-weight: bold; }
.r-unknown { color: #666; font-weight: bold; }
figure.r-figure { margin: 8pt 0; text-align: center; }
figure.r-figure svg { max-width: 100%; height: auto; }
figure.r-figure figcaption { font-size: 9.5pt; color: #444; text-align: left; margin-top: 4pt; }
dl.r-props dt { font-weight: bold; margin-top: 6pt; }
dl.r-props dd { margin: 1pt 0 4pt 14pt; }
.r-gloss { font-style: italic; color: #333; }
.r-columns { display: flex; gap: 10pt; align-items: flex-start; }
.r-columns table.r-table { width: auto; flex: 1; }
footer { margin-top: 18pt; border-top: 1px solid #ccc; padding-top: 6pt; font-size: 9pt; color: #555; }
@page { size: A4; margin: 14mm 13mm 16mm 13mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .r-contents { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure.r-figure, table.r-table tr, dl.r-props dd { break-inside: avoid; page-break-inside: avoid; }
  section#map, section#frontier { break-before: page; page-break-before: always; }
  figure.r-figure svg { max-height: 225mm; }
  tr.r-changed td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .r-swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

// The outcome the report is about: the given one, or the method's package.
const Outcome* subject_outcome(const ReportData& d) {
  if (d.outcome) return &*d.outcome;
  return d.package.outcome ? &*d.package.outcome : nullptr;
}

const Evaluation* subject_evaluation(const ReportData& d) {
  if (d.evaluated) return &d.evaluated->evaluation;
  return d.package.outcome ? &d.package.evaluation : nullptr;
}

std::string method_words(const ReportData& d) { return std::string(method_title(d.method)); }

std::string subject_name(const ReportData& d) {
  return d.outcome ? "the proposal " + d.outcome_name : "the package (" + method_words(d) + ")";
}

// ---- sections -------------------------------------------------------------------

void scenario_section(Html& h, const Scenario& s, const ReportData& d) {
  h.raw("<section id=\"scenario\">\n<h2>1. The dispute</h2>\n");
  if (!s.description.empty()) h.p(s.description, "class=\"r-lead\"");

  h.el("h3", "Parties");
  h.raw("<ul class=\"r-list\">\n");
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const int party = static_cast<int>(p);
    h.raw("<li class=\"r-party\">").raw(swatch(party)).raw("<strong>").text(party_text(s, party)).raw("</strong>");
    const auto& prefs = s.preferences[p];
    if (prefs) {
      std::string nodeal;
      if (prefs->reservation_is_status_quo) {
        nodeal = "their no-deal position is the status quo, worth " + worth(s, party, prefs->reservation) + " to them";
      } else if (prefs->reservation.is_zero()) {
        nodeal = "no stated no-deal position: any package is better than none for them";
      } else {
        nodeal = "walks away from any package worth less than " + worth(s, party, prefs->reservation) + " to them";
      }
      h.text(": " + nodeal + ".");
    }
    h.raw("</li>\n");
  }
  h.raw("</ul>\n");
  h.p("Utilities are percentages of the best each party could have: 100% means every issue goes their way. Where a "
      "party spread points over the issues, the points are shown too.",
      "class=\"r-note\"");

  h.el("h3", "Issues");
  const bool any_status_quo =
      std::any_of(s.status_quo.begin(), s.status_quo.end(), [](const auto& v) { return v.has_value(); });
  h.raw("<table class=\"r-table r-issues\">\n<thead><tr><th>issue</th><th>what can be decided</th><th>status</th>");
  if (any_status_quo) h.raw("<th>status quo</th>");
  h.raw("</tr></thead>\n<tbody>\n");
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const int issue = static_cast<int>(i);
    h.raw("<tr><td>").text(issue_text(s, issue)).raw("</td><td>").text(domain_text(s, s.issues[i])).raw("</td><td>");
    if (s.agreed[i]) {
      h.text("agreed: " + value_text(s, issue, *s.agreed[i]));
    } else {
      h.text("open");
    }
    h.raw("</td>");
    if (any_status_quo) {
      h.raw("<td>").text(s.status_quo[i] ? value_text(s, issue, *s.status_quo[i]) : "-").raw("</td>");
    }
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");

  h.el("h3", "Rules");
  if (s.rules.empty()) {
    h.p("No rules link the issues.");
  } else {
    h.raw("<ul class=\"r-list r-rules\">\n");
    for (const Rule& r : s.rules) h.el("li", rule_text(s, r));
    h.raw("</ul>\n");
  }

  h.el("h3", "Red lines");
  std::size_t red_lines = 0;
  for (const auto& prefs : s.preferences) red_lines += prefs ? prefs->red_lines.size() : 0;
  if (red_lines == 0) {
    h.p("No party has stated a red line.");
  } else {
    h.raw("<ul class=\"r-list r-red-lines\">\n");
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      const auto& prefs = s.preferences[p];
      if (!prefs) continue;
      for (const Condition& c : prefs->red_lines) {
        h.el("li", party_text(s, static_cast<int>(p)) + " accepts no package unless " + condition_text(s, c) + ".");
      }
    }
    h.raw("</ul>\n");
  }

  if (d.package.status_quo) {
    std::vector<std::string> parts;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      parts.push_back(party_text(s, static_cast<int>(p)) + " " + worth(s, static_cast<int>(p), (*d.package.status_quo)[p]));
    }
    h.p("The status quo with the agreed terms is worth " + join_words(parts) + ".");
  } else if (any_status_quo) {
    h.p("The status quo does not name every issue, so it is not valued as a package.", "class=\"r-note\"");
  }
  h.raw("</section>\n");
}

// One column of the package table: a name and an outcome with its utilities.
struct Column {
  std::string name;
  const Outcome* outcome = nullptr;
  const SolveResponse* solved = nullptr;  // the method's package (for its split item)
  std::vector<Rational> utilities;
  std::vector<Rational> gains;
};

void utilities_table(Html& h, const Scenario& s, const std::vector<Column>& columns,
                     const std::optional<std::vector<Rational>>& status_quo) {
  h.raw("<table class=\"r-table r-utilities\">\n<thead><tr><th>party</th>");
  for (const Column& c : columns) h.raw("<th class=\"r-num\">").text(c.name).raw("</th>");
  h.raw("<th class=\"r-num\">no deal</th>");
  for (const Column& c : columns) {
    h.raw("<th class=\"r-num\">").text(columns.size() == 1 ? "gain" : "gain (" + c.name + ")").raw("</th>");
  }
  if (status_quo) h.raw("<th class=\"r-num\">status quo</th>");
  h.raw("</tr></thead>\n<tbody>\n");
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const int party = static_cast<int>(p);
    h.raw("<tr data-party=\"").text(s.parties[p].id).raw("\"><td class=\"r-who\">").raw(swatch(party)).text(party_text(s, party)).raw("</td>");
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const Rational& u = columns[k].utilities[p];
      h.raw("<td class=\"r-num r-utility\" data-column=\"" + std::to_string(k) + "\" data-exact=\"")
          .text(u.str())
          .raw("\">")
          .text(pct(u));
      // The points on a line of their own keeps the table narrow enough for A4.
      if (has_points(s, party)) {
        const Rational w = points_total(s, party);
        h.raw("<br/><span class=\"r-note\">").text(amount(u * w, 1) + " of " + amount(w) + " points").raw("</span>");
      }
      h.raw("</td>");
    }
    const Rational reservation = columns[0].utilities[p] - columns[0].gains[p];
    h.raw("<td class=\"r-num\">").text(pct(reservation)).raw("</td>");
    for (const Column& c : columns) {
      h.raw("<td class=\"r-num\">").text((c.gains[p].sign() >= 0 ? "+" : "-") + pct(c.gains[p].abs())).raw("</td>");
    }
    if (status_quo) h.raw("<td class=\"r-num\">").text(pct((*status_quo)[p])).raw("</td>");
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");
}

std::string column_value(const Scenario& s, const Column& c, std::size_t i) {
  if (c.solved && c.solved->split && c.solved->split->issue == static_cast<int>(i)) {
    return share_text(s, c.solved->split->fractions) + " (the one item split)";
  }
  return value_text(s, static_cast<int>(i), (*c.outcome)[i]);
}

void terms_table(Html& h, const Scenario& s, const std::vector<Column>& columns) {
  const std::optional<Outcome> status_quo = s.status_quo_outcome();
  h.raw("<table class=\"r-table r-terms\">\n<thead><tr><th>issue</th>");
  for (const Column& c : columns) h.raw("<th>").text(c.name).raw("</th>");
  if (status_quo) h.raw("<th>status quo</th>");
  h.raw("</tr></thead>\n<tbody>\n");
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const bool changed = status_quo && (*columns[0].outcome)[i] != (*status_quo)[i];
    h.raw(changed ? "<tr class=\"r-changed\">" : "<tr>");
    h.raw("<td>").text(issue_text(s, static_cast<int>(i)) + (s.agreed[i] ? " (agreed)" : "")).raw("</td>");
    for (const Column& c : columns) h.raw("<td>").text(column_value(s, c, i)).raw("</td>");
    if (status_quo) h.raw("<td>").text(value_text(s, static_cast<int>(i), (*status_quo)[i])).raw("</td>");
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");
  if (status_quo) h.p("Shaded rows change the status quo.", "class=\"r-note\"");
}

std::string yes_no(std::optional<bool> b) { return !b ? "not settled" : *b ? "yes" : "no"; }

void package_section(Html& h, const Scenario& s, const ReportData& d) {
  const SolveResponse& r = d.package;
  h.raw("<section id=\"package\">\n<h2>2. The package and why</h2>\n");
  h.p(method_words(d) + ": " + status_text(r) + ".");

  std::vector<Column> columns;
  if (d.evaluated) {
    columns.push_back({"the proposal", &*d.outcome, nullptr, d.evaluated->evaluation.utilities,
                       d.evaluated->evaluation.gains});
  }
  if (r.outcome) {
    columns.push_back({"the package", &*r.outcome, &r, r.evaluation.utilities,
                       r.evaluation.gains});
  }
  if (!columns.empty()) {
    if (d.evaluated) {
      h.p("This report is about the proposal " + d.outcome_name + "; the package " + method_words(d) +
          " recommends stands beside it for comparison.");
    }
    // The headline first: what each party gets under the report's subject.
    const Column& c = columns[0];
    std::vector<std::string> gets;
    for (std::size_t p = 0; p < s.parties.size(); ++p) gets.push_back(party_text(s, static_cast<int>(p)) + " " + pct(c.utilities[p]));
    std::size_t gaining = 0;
    for (const Rational& g : c.gains) gaining += g.sign() > 0 ? 1 : 0;
    h.p(std::string("Under ") + (d.evaluated ? "the proposal" : "this package") + " " + join_words(gets) + " of the best each could have; " +
            (gaining == s.parties.size() ? (s.parties.size() == 2 ? "both gain" : "every party gains")
                                         : plural(gaining, "party gains", "parties gain")) +
            " over no deal.",
        "class=\"r-lead r-headline\"");
    h.el("h3", "What each party gets");
    utilities_table(h, s, columns, r.status_quo);
    h.el("h3", "Terms");
    terms_table(h, s, columns);
  }

  if (d.evaluated) {
    const EvaluateResponse& e = *d.evaluated;
    h.el("h3", "The proposal");
    std::size_t failing = 0;
    for (const ConstraintCheck& c : e.evaluation.constraints) failing += c.holds ? 0 : 1;
    if (failing == 0) {
      h.p(e.evaluation.constraints.empty() ? "There are no agreed terms, rules or red lines to check."
                                           : "Every agreed term, rule and red line holds (" +
                                                 plural(e.evaluation.constraints.size(), "check", "checks") + ").");
    } else {
      h.p("It breaks " + plural(failing, "term", "terms") + ":");
      h.raw("<ul class=\"r-list\">\n");
      for (const ConstraintCheck& c : e.evaluation.constraints) {
        if (!c.holds) h.el("li", c.description + "; but " + c.detail);
      }
      h.raw("</ul>\n");
    }
    std::vector<std::string> below;
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      if (e.evaluation.gains[p].sign() < 0) below.push_back(party_text(s, static_cast<int>(p)));
    }
    h.p(below.empty() ? "Every party gets at least their no-deal position."
                      : join_words(below) + (below.size() == 1 ? " gets" : " get") +
                            " less than their no-deal position.");
    h.p("Efficient (no package is better for one party and no worse for any other): " + yes_no(e.pareto_optimal) + ".");
    if (!e.explanation.empty()) {
      h.raw("<ul class=\"r-list r-why\">\n");
      for (const std::string& sentence : e.explanation) h.el("li", sentence);
      h.raw("</ul>\n");
    }
    h.el("h3", "Why the method recommends its package");
  } else {
    h.el("h3", "Why");
  }
  h.raw("<ul class=\"r-list r-why\">\n");
  for (const std::string& sentence : r.explanation) h.el("li", sentence);
  h.raw("</ul>\n");
  if (!r.conflict.empty()) {
    h.p(std::string("The demands that cannot all hold together") + (r.conflict_minimal ? "" : " (perhaps not the fewest)") +
        ":");
    h.raw("<ul class=\"r-list r-conflict\">\n");
    for (const ConflictElement& c : r.conflict) h.el("li", c.description);
    h.raw("</ul>\n");
  }
  if (!r.note.empty()) h.p(r.note, "class=\"r-note\"");
  h.raw("</section>\n");
}

void map_section(Html& h, const Scenario& s, const ReportData& d, const ReportOptions& options) {
  h.raw("<section id=\"map\">\n<h2>3. The map</h2>\n");
  const bool regions =
      std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& is) { return is.kind == IssueKind::region; });
  const Outcome* o = subject_outcome(d);
  const Evaluation* e = subject_evaluation(d);
  if (!regions) {
    h.p("The scenario has no regions, so there is no map to draw.");
  } else if (!o || !e) {
    h.p("There is no package to draw on the map.");
  } else {
    MapSvgOptions style;
    style.title = s.title.empty() ? options.source : s.title;
    style.subtitle = d.outcome ? "The proposal " + d.outcome_name : "The package: " + method_words(d);
    style.utilities = e->utilities;
    h.raw("<figure class=\"r-figure\">\n").raw(inline_svg(map_svg(s, *o, style))).raw("\n<figcaption>");
    h.text("Who holds each region under " + subject_name(d) +
           ". Jointly held regions are hatched; where the scenario has a status quo, regions that change hands "
           "are marked and listed, and the panel gives the other terms.");
    h.raw("</figcaption>\n</figure>\n");
  }
  h.raw("</section>\n");
}

void frontier_section(Html& h, const Scenario& s, const ReportData& d, const ReportOptions& options) {
  h.raw("<section id=\"frontier\">\n<h2>4. The efficient packages</h2>\n");
  if (!d.frontier) {
    h.p(d.frontier_note.empty() ? "The frontier was not computed." : d.frontier_note);
    h.raw("</section>\n");
    return;
  }
  const FrontierResponse& f = *d.frontier;
  if (f.points.empty()) {
    h.p("No feasible package gives every party at least their no-deal position, so there is no frontier to draw.");
    h.raw("</section>\n");
    return;
  }
  h.p("The Pareto frontier: the " + plural(f.points.size(), "package", "packages") +
      " that every party accepts and that cannot be improved for one party without costing another" +
      (f.status == FrontierStatus::complete ? "" : " (found so far: " + f.note + ")") +
      ". Each dot is numbered as in the table below.");
  std::vector<PlotMark> proposals;
  auto on_solution_mark = [&](const std::vector<Rational>& u) {
    for (const std::optional<std::size_t>& k : {f.nash, f.ks, f.egalitarian}) {
      if (k && f.points[*k].utilities == u) return true;
    }
    return false;
  };
  if (d.package.outcome && !on_solution_mark(d.package.evaluation.utilities)) {
    proposals.push_back({PlotMark::Kind::proposal, "package (" + std::string(method_name(d.method)) + ")",
                         d.package.evaluation.utilities, ""});
  }
  if (d.evaluated) {
    proposals.push_back({PlotMark::Kind::proposal, d.outcome_name, d.evaluated->evaluation.utilities, "the proposal"});
  }
  const std::string title = (s.title.empty() ? options.source : s.title) + ": the efficient packages";
  h.raw("<figure class=\"r-figure\">\n").raw(inline_svg(frontier_plot_svg(s, f, title, proposals))).raw("\n<figcaption>");
  std::string caption = "Each party's utility on one axis; the dashed lines are the no-deal positions";
  if (f.status_quo) caption += "; the status quo is marked";
  caption += ". ";
  if (d.package.outcome && on_solution_mark(d.package.evaluation.utilities)) {
    caption += "The package is the point marked " + std::string(method_title(d.method)) +
               (d.method == Method::nash || d.method == Method::ks || d.method == Method::egalitarian
                    ? ""
                    : " shares with a marked solution") +
               ".";
  }
  h.text(caption);
  h.raw("</figcaption>\n</figure>\n");

  // The table, numbered as the dots; in up to three columns side by side.
  // A long frontier is sampled evenly, keeping every marked point, so that the
  // table stays within a page or two and still shows where the marks are.
  constexpr std::size_t kRows = 90;
  std::vector<std::size_t> listed;
  if (f.points.size() <= kRows) {
    for (std::size_t k = 0; k < f.points.size(); ++k) listed.push_back(k);
  } else {
    for (std::size_t j = 0; j < kRows; ++j) listed.push_back(j * (f.points.size() - 1) / (kRows - 1));
    for (std::size_t k = 0; k < f.points.size(); ++k) {
      const bool marked = f.nash == k || f.ks == k || f.egalitarian == k ||
                          (d.package.outcome && f.points[k].utilities == d.package.evaluation.utilities) ||
                          (d.evaluated && f.points[k].utilities == d.evaluated->evaluation.utilities);
      if (marked) listed.push_back(k);
    }
    std::sort(listed.begin(), listed.end());
    listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
  }
  const std::size_t rows = listed.size();
  const std::size_t columns = rows <= 15 ? 1 : rows <= 40 ? 2 : 3;
  const std::size_t per_column = (rows + columns - 1) / columns;
  h.raw("<div class=\"r-columns\">\n");
  for (std::size_t first = 0; first < rows; first += per_column) {
    h.raw("<table class=\"r-table r-frontier\">\n<thead><tr><th class=\"r-num\">#</th>");
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      h.raw("<th class=\"r-num\">").text(party_text(s, static_cast<int>(p))).raw("</th>");
    }
    h.raw("<th>marked</th></tr></thead>\n<tbody>\n");
    for (std::size_t row = first; row < std::min(rows, first + per_column); ++row) {
      const std::size_t k = listed[row];
      std::vector<std::string> marks;
      if (f.nash == k) marks.push_back("Nash");
      if (f.ks == k) marks.push_back("KS");
      if (f.egalitarian == k) marks.push_back("egalitarian");
      if (d.package.outcome && f.points[k].utilities == d.package.evaluation.utilities) marks.push_back("package");
      if (d.evaluated && f.points[k].utilities == d.evaluated->evaluation.utilities) marks.push_back("proposal");
      h.raw("<tr data-number=\"" + std::to_string(k + 1) + "\"><td class=\"r-num\">" + std::to_string(k + 1) + "</td>");
      for (const Rational& u : f.points[k].utilities) h.raw("<td class=\"r-num\">").text(pct(u)).raw("</td>");
      h.raw("<td>").text(join_words(marks, ", ")).raw("</td></tr>\n");
    }
    h.raw("</tbody></table>\n");
  }
  h.raw("</div>\n");
  if (rows < f.points.size()) {
    h.p(std::to_string(rows) + " of the " + std::to_string(f.points.size()) +
            " are listed, evenly spread and with every marked one; parley frontier lists them all.",
        "class=\"r-note\"");
  }
  h.raw("</section>\n");
}

// One fairness property: its name with a one-clause gloss, whether it holds, and why in words.
void property(Html& h, const std::string& name, const std::string& gloss, std::optional<bool> holds,
              const std::string& words) {
  h.raw("<dt>").text(name).raw(": ");
  h.raw(!holds ? "<span class=\"r-unknown\">not known</span>" : *holds ? "<span class=\"r-yes\">yes</span>"
                                                                       : "<span class=\"r-no\">no</span>");
  h.raw("</dt>\n<dd><span class=\"r-gloss\">").text(gloss).raw(".</span> ").text(words).raw("</dd>\n");
}

void fairness_section(Html& h, const Scenario& s, const ReportData& d) {
  h.raw("<section id=\"fairness\">\n<h2>5. Is it fair?</h2>\n");
  const Evaluation* e = subject_evaluation(d);
  if (!e) {
    h.p("There is no package to judge.");
    h.raw("</section>\n");
    return;
  }
  const GoodsReport& g = e->goods;
  if (!g.applicable) {
    h.p("The scenario has nothing to divide as goods (items, regions or shares), so envy and fair shares do not apply.");
    h.raw("</section>\n");
    return;
  }
  const std::size_t n = s.parties.size();
  auto name = [&](int p) { return party_text(s, p); };
  h.p("These tests look at the goods only (items, regions and shares) under " + subject_name(d) +
      "; choices and numbers, such as a length or a kind of monitoring, are left out. A party's share is what they "
      "hold alone; jointly held and neutral items are in nobody's share.");
  h.raw("<dl class=\"r-props\">\n");
  const std::string everyone = n == 2 ? "Neither " + name(0) + " nor " + name(1) : "None of them";
  std::string words;
  if (g.envy_free) {
    words = everyone + " would rather have " + (n == 2 ? "the other's" : "another's") + " share.";
  } else if (g.envy) {
    words = name(g.envy->envier) + " would rather have " + name(g.envy->envied) + "'s share: it is worth " +
            worth_difference(s, g.envy->envier, g.envy->by) + " more to them than their own.";
  }
  property(h, "Envy-free", "No party would rather have another's share", g.envy_free, words);

  auto removal = [&](const std::optional<RemovalWitness>& w, const std::string& which) {
    if (!w) return std::string();
    std::string text = name(w->envier) + " would still rather have " + name(w->envied) + "'s share";
    if (w->item >= 0) {
      const Issue& is = s.issues[static_cast<std::size_t>(w->item)];
      text += " after taking away " + which + ", " +
              (is.is_holding() ? issue_text(s, w->item) : "one step of " + issue_text(s, w->item));
    } else {
      text += ", whichever single item is taken away";
    }
    return text + " (by " + worth_difference(s, w->envier, w->remaining) + ").";
  };
  property(h, "EF1, envy-free up to one item", "Any envy ends once one item is taken from the envied share", g.ef1,
           g.ef1 ? (g.envy_free ? "There is no envy at all." : "Every envy ends once one item is taken away.")
                 : removal(g.ef1_failure, "the item most valuable to them"));
  property(h, "EFX, envy-free up to any item", "Any envy ends whichever single item is taken from the envied share",
           g.efx,
           g.efx ? (g.envy_free ? "There is no envy at all." : "Every envy ends whichever item is taken away.")
                 : removal(g.efx_failure, "the item least valuable to them"));

  const std::string fair = "1/" + std::to_string(n);
  words = g.proportional ? "Every party gets at least " + fair + " of what all the goods together are worth to them."
                         : "";
  if (g.proportionality_failure) {
    const auto& w = *g.proportionality_failure;
    const Rational total = g.goods_total[static_cast<std::size_t>(w.party)];
    words = name(w.party) + " gets " + percent_beside(w.value / total, w.fair_share / total) +
            " of what all the goods are worth to them, below their fair share of " +
            percent_beside(w.fair_share / total, w.value / total) + ".";
  }
  property(h, "Proportional", "Each party gets at least " + fair + " of what all the goods are worth to them",
           g.proportional, words);

  const std::string mms_gloss = "Each gets at least what they could make sure of by dividing the goods into " +
                                std::to_string(n) + " bundles themselves and taking the worst";
  if (!g.mms_known()) {
    property(h, "Maximin share", mms_gloss, std::nullopt,
             "The exact search for the maximin shares ran out of its budget.");
  } else {
    words = g.mms ? "Every party gets at least their maximin share." : "";
    if (g.mms_failure) {
      words = name(g.mms_failure->party) + " gets " + percent_beside(g.mms_failure->fraction, 1) +
              " of their maximin share.";
    }
    property(h, "Maximin share", mms_gloss, g.mms, words);
  }
  words = g.equitable ? "Every party gets the same fraction of what all the goods are worth to them." : "";
  if (g.equitability_failure) {
    const auto& w = *g.equitability_failure;
    words = name(w.most) + " gets " + percent_beside(w.most_relative, w.least_relative) +
            " of what all the goods are worth to them, " + name(w.least) + " " +
            percent_beside(w.least_relative, w.most_relative) + ".";
  }
  property(h, "Equitable", "Each gets the same fraction of what all the goods are worth to them", g.equitable, words);
  h.raw("</dl>\n");

  // The numbers behind the sentences, per party, as fractions of what all the
  // goods are worth to that party.
  h.raw("<table class=\"r-table r-fair-shares\">\n<thead><tr><th>party</th><th class=\"r-num\">gets</th>"
        "<th class=\"r-num\">fair share</th>");
  if (g.mms_known()) h.raw("<th class=\"r-num\">maximin share</th>");
  h.raw("</tr></thead>\n<tbody>\n");
  for (std::size_t p = 0; p < n; ++p) {
    const Rational total = g.goods_total[p];
    h.raw("<tr><td>").raw(swatch(static_cast<int>(p))).text(name(static_cast<int>(p))).raw("</td>");
    if (total.sign() <= 0) {
      h.raw("<td class=\"r-num\">-</td><td class=\"r-num\">-</td>");
      if (g.mms_known()) h.raw("<td class=\"r-num\">-</td>");
    } else {
      h.raw("<td class=\"r-num\">").text(pct(g.goods_utility[p] / total)).raw("</td>");
      h.raw("<td class=\"r-num\">").text(pct(Rational(1, static_cast<std::int64_t>(n)))).raw("</td>");
      if (g.mms_known()) h.raw("<td class=\"r-num\">").text(pct(g.mms_values[p] / total)).raw("</td>");
    }
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");
  h.p("Each as a percentage of what all the goods together are worth to that party.", "class=\"r-note\"");
  h.raw("</section>\n");
}

// How firmly the package rests on the numbers given (mediate/sensitivity.h):
// the facade's sentences, then each weight's interval.
void sensitivity_section(Html& h, const Scenario& s, const ReportData& d) {
  h.raw("<section id=\"sensitivity\">\n<h2>6. How firm is the answer</h2>\n");
  if (!d.sensitivity) {
    h.p(d.sensitivity_note);
    h.raw("</section>\n");
    return;
  }
  const SensitivityResponse& r = *d.sensitivity;
  h.p("If the numbers the parties gave were somewhat different, would " + method_words(d) +
      " still recommend the same package? Each weight is moved alone, the others as given; then all are moved "
      "together at random, each by up to " + pct(r.spread) + ".");
  // The facade's sentences go weight by weight, as the table below does; the
  // page says the sampled answer in one sentence of its own.
  if (r.samples_drawn > 0) {
    h.p("In " + plural(r.samples_drawn, "random draw", "random draws") + " the same package came out in " +
            percent_beside(Rational(static_cast<std::int64_t>(r.samples_drawn * r.same_answer + 0.5),
                                    static_cast<std::int64_t>(r.samples_drawn)),
                           1) +
            " of them" + (r.answers.size() > 1 ? "; " + plural(r.answers.size() - 1, "other package", "other packages") + " came out in the rest." : "."),
        "class=\"r-lead r-samples\"");
  }
  if (!r.weights.empty()) {
    h.raw("<table class=\"r-table r-weights\">\n<thead><tr><th>party</th><th>issue</th><th class=\"r-num\">weight "
          "given</th><th class=\"r-num\">same package from</th><th class=\"r-num\">to</th></tr></thead>\n<tbody>\n");
    std::vector<const StabilityInterval*> rows;
    for (const StabilityInterval& w : r.weights) rows.push_back(&w);
    for (const StabilityInterval& w : r.reservations) rows.push_back(&w);
    for (const StabilityInterval* row : rows) {
      const StabilityInterval& w = *row;
      h.raw("<tr><td class=\"r-who\">").raw(swatch(w.party)).text(party_text(s, w.party)).raw("</td><td>");
      h.text(w.issue >= 0 ? issue_text(s, w.issue) : "no-deal position").raw("</td><td class=\"r-num\">").text(amount(w.given)).raw("</td>");
      h.raw("<td class=\"r-num\">").text(w.low_shown ? amount(*w.low_shown) : "not settled").raw("</td>");
      h.raw("<td class=\"r-num\">").text(w.high_shown ? amount(*w.high_shown) : "not settled").raw("</td></tr>\n");
    }
    h.raw("</tbody></table>\n");
    h.p("Each weight is searched from 0 to ten times the weight given, each no-deal position (as a utility, 1 "
        "the best) from 0 to 1.",
        "class=\"r-note\"");
  }
  if (!r.note.empty()) h.p(r.note, "class=\"r-note\"");
  h.raw("</section>\n");
}

void delay_section(Html& h, const Scenario& s, const ReportData& d) {
  h.raw("<section id=\"delay\">\n<h2>7. The cost of delay</h2>\n");
  if (!d.delay) {
    h.p(d.delay_note);
    h.raw("</section>\n");
    return;
  }
  const DelayResponse& r = *d.delay;
  const std::string per(period_name(r.period));
  if (!r.real.empty()) {
    h.raw("<table class=\"r-table r-real-costs\">\n<thead><tr><th class=\"r-num\">each " + esc(per) +
          "</th><th>what</th><th>source</th></tr></thead>\n<tbody>\n");
    for (const CostOfDelay& c : r.real) {
      h.raw("<tr><td class=\"r-num\">").text(amount(c.per_period)).raw("</td><td>").text(c.what).raw("</td><td>");
      h.text(c.source.empty() ? "-" : c.source).raw("</td></tr>\n");
    }
    h.raw("</tbody></table>\n");
  }
  h.raw("<table class=\"r-table r-delay-parties\">\n<thead><tr><th>party</th><th class=\"r-num\">lost each " +
        esc(per) + "</th><th class=\"r-num\">no-deal position moves each " + esc(per) + "</th></tr></thead>\n<tbody>\n");
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const Rational& drift = r.reservation_drift[p];
    h.raw("<tr><td>").raw(swatch(static_cast<int>(p))).text(party_text(s, static_cast<int>(p))).raw("</td>");
    h.raw("<td class=\"r-num\">").text(pct(r.delay_cost[p])).raw("</td>");
    h.raw("<td class=\"r-num\">")
        .text(drift.is_zero() ? "none" : (drift.sign() < 0 ? "-" : "+") + pct(drift.abs()))
        .raw("</td></tr>\n");
  }
  h.raw("</tbody></table>\n");
  h.raw("<ul class=\"r-list r-delay-words\">\n");
  for (const std::string& sentence : r.explanation) h.el("li", sentence);
  h.raw("</ul>\n");
  if (!r.note.empty()) h.p(r.note, "class=\"r-note\"");
  h.raw("</section>\n");
}

}  // namespace

bool has_delay_terms(const Scenario& s) {
  if (!s.dynamics.costs_of_delay.empty() || !s.dynamics.shifts.empty()) return true;
  return std::any_of(s.preferences.begin(), s.preferences.end(), [](const auto& prefs) {
    return prefs && (!prefs->delay_cost.is_zero() || !prefs->reservation_drift.is_zero());
  });
}

Result<ReportData> gather_report(const Scenario& s, const ReportRequest& request) {
  ReportData d;
  d.method = request.method;
  d.outcome = request.outcome;
  d.outcome_name = request.outcome_name;
  // Every call counts from the same start, so the time limit bounds them together.
  const CallStart started = request.started ? request.started : CallStart(std::chrono::steady_clock::now());
  SolveRequest solve_request;
  solve_request.method = request.method;
  solve_request.time_limit = request.time_limit;
  solve_request.started = started;
  Result<SolveResponse> solved = solve(s, solve_request);
  if (!solved) return solved.failure();
  d.package = std::move(solved).value();
  if (request.outcome) {
    Result<EvaluateResponse> e =
        evaluate(s, *request.outcome, {.time_limit = request.time_limit, .started = started, .improvements = true});
    if (!e) return e.failure();
    d.evaluated = std::move(e).value();
  }
  if (s.parties.size() > 5) {
    d.frontier_note = "The frontier is drawn for up to 5 parties; this scenario has " +
                      std::to_string(s.parties.size()) + ".";
  } else {
    Result<FrontierResponse> f = frontier(s, {.time_limit = request.time_limit, .started = started, .outcomes = 1});
    if (!f) {
      d.frontier_note = "The efficient packages cannot be listed for this scenario: " +
                        (f.failure().diagnostics.empty() ? std::string("no reason given")
                                                         : f.failure().diagnostics.front().message) +
                        ".";
    } else if (f.value().status == FrontierStatus::time_limit) {
      d.frontier_note = "The time limit ended the search before the first efficient package was found.";
    } else {
      d.frontier = std::move(f).value();
    }
  }
  if (!has_delay_terms(s)) {
    d.delay_note = "The scenario gives no cost of delay and no shift of the no-deal positions over time, so there is "
                   "nothing to say about waiting.";
  } else if (const Outcome* o = subject_outcome(d)) {
    Result<DelayResponse> r = delay(s, {.outcome = *o, .time_limit = request.time_limit, .started = started});
    if (!r) {
      d.delay_note = "The cost of delay could not be worked out: " +
                     (r.failure().diagnostics.empty() ? std::string("no reason given")
                                                      : r.failure().diagnostics.front().message) +
                     ".";
    } else {
      d.delay = std::move(r).value();
    }
  } else {
    Result<DelayResponse> r = delay(s, {.time_limit = request.time_limit, .started = started});
    if (r) d.delay = std::move(r).value();
  }
  if (!is_solution_concept(request.method)) {
    d.sensitivity_note = "How firm the answer is can be worked out for the solution concepts (nash, ks, egalitarian, "
                         "utilitarian, mnw, leximin), not for " + std::string(method_title(request.method)) + ".";
  } else if (!d.package.outcome) {
    d.sensitivity_note = "There is no package whose firmness to test.";
  } else {
    Result<SensitivityResponse> r = sensitivity(
        s, {.method = request.method, .samples = kReportSamples, .seed = 0, .time_limit = request.time_limit,
            .started = started});
    if (r) {
      d.sensitivity = std::move(r).value();
    } else {
      d.sensitivity_note = "How firm the answer is could not be worked out: " +
                           (r.failure().diagnostics.empty() ? std::string("no reason given")
                                                            : r.failure().diagnostics.front().message) +
                           ".";
    }
  }
  return d;
}

const std::vector<std::string>& report_sections() {
  static const std::vector<std::string> sections{"scenario", "package", "map", "frontier",
                                                 "fairness", "sensitivity", "delay"};
  return sections;
}

std::string report_html(const Scenario& s, const ReportData& d, const ReportOptions& options) {
  Html h;
  const std::string title = s.title.empty() ? options.source : s.title;
  h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
  h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
  h.raw("<title>").text("Report: " + title).raw("</title>\n<style>").raw(kStyle).raw("</style>\n</head>\n<body>\n");
  h.raw("<header>\n");
  h.el("h1", title);
  h.p(std::string("A mediator's report: ") +
          (d.outcome ? "the proposal " + d.outcome_name + ", beside the package " + method_words(d) + " recommends"
                     : "the package " + method_words(d) + " recommends") +
          ".",
      "class=\"r-sub\"");
  h.raw("<nav class=\"r-contents\"><ol>\n");
  const char* titles[] = {"The dispute", "The package and why", "The map", "The efficient packages",
                          "Is it fair?", "How firm is the answer", "The cost of delay"};
  for (std::size_t k = 0; k < report_sections().size(); ++k) {
    h.raw("<li><a href=\"#" + report_sections()[k] + "\">").text(titles[k]).raw("</a></li>\n");
  }
  h.raw("</ol></nav>\n</header>\n");
  scenario_section(h, s, d);
  package_section(h, s, d);
  map_section(h, s, d, options);
  frontier_section(h, s, d, options);
  fairness_section(h, s, d);
  sensitivity_section(h, s, d);
  delay_section(h, s, d);
  h.raw("<footer>\n");
  h.p("Prepared by parley 0.1 from " + options.source + " with the method " + std::string(method_name(d.method)) +
      (d.outcome ? " and the proposal " + d.outcome_name : "") +
      ". Every package and number here was re-checked by parley's independent checks before it was shown.");
  if (!d.package.verified.empty()) {
    std::string checks;
    for (const std::string& c : d.package.verified) checks += (checks.empty() ? "" : "; ") + c;
    h.p("Checks made: " + checks + ".");
  }
  h.raw("</footer>\n</body>\n</html>\n");
  return h.out;
}

}  // namespace parley::render
