// The model of a dispute: plain data with value semantics.
//
//   Scenario s = read_scenario_file("examples/divorce.json").value();  // io/scenario_reader.h
//   for (const Issue& issue : s.issues) std::cout << issue.id << '\n';
//   int alex = s.party_index("alex").value();
//   Rational w = s.preferences[alex]->issues[0].weight;                  // as written
//
// A Scenario that came from read_scenario() satisfies every rule of
// docs/scenario-format.md (ids unique, references valid, values in [0, 1], grids
// that divide, ...); code downstream relies on that and does not re-check.
// Everything is stored resolved: references are indices, defaults are filled in,
// so two scenarios are equal exactly when they mean the same thing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/core/rational.h"

namespace parley {

enum class IssueKind { item, region, share, choice, number };

std::string_view kind_name(IssueKind kind);

// Who holds an item or region: a party index (>= 0), or one of these.
using Holder = int;
inline constexpr Holder kJoint = -1;    // all parties together
inline constexpr Holder kNeutral = -2;  // none of them (for example international administration)

struct Party {
  std::string id;
  std::string name;
  std::string meta;  // free-form JSON, compact text; empty when absent

  friend bool operator==(const Party&, const Party&) = default;
};

struct Issue {
  std::string id;
  IssueKind kind = IssueKind::item;
  std::string name;
  std::string description;
  std::string meta;

  // item, region: which holders besides a single party are allowed.
  bool joint = false;
  bool neutral = false;
  // share: the grid of fractions (1/step is an integer); number: the grid step.
  Rational step;
  // choice: the options, distinct.
  std::vector<std::string> options;
  // number: the grid min, min + step, ..., max.
  Rational min;
  Rational max;
  std::string unit;

  // Items, regions and shares are goods: fairness properties are about them.
  bool is_goods() const { return kind == IssueKind::item || kind == IssueKind::region || kind == IssueKind::share; }
  bool is_holding() const { return kind == IssueKind::item || kind == IssueKind::region; }

  friend bool operator==(const Issue&, const Issue&) = default;
};

// The outcome of one issue. Which field counts depends on the issue's kind;
// the others keep their defaults, so equality is meaningful.
struct IssueValue {
  Holder holder = 0;             // item, region
  std::vector<Rational> shares;  // share: one fraction per party, summing to 1
  int option = 0;                // choice: index into Issue::options
  Rational number;               // number: a point of the grid

  friend bool operator==(const IssueValue&, const IssueValue&) = default;
};

// A complete outcome: one value per issue, in the scenario's issue order.
using Outcome = std::vector<IssueValue>;
// Some issues only (status quo, agreed terms): nullopt where not given.
using PartialOutcome = std::vector<std::optional<IssueValue>>;

// A condition on an outcome (docs/scenario-format.md, "Rules").
struct Condition {
  enum class Kind {
    owner,        // issue's holder is one of `owners`
    in,           // choice is one of `options`
    range,        // number lies in [min, max] (either bound optional)
    party_share,  // party's fraction of a share issue lies in [min, max]
    all,
    any,
    negation,     // "not": children[0] does not hold
  };
  Kind kind = Kind::owner;
  int issue = -1;
  std::vector<Holder> owners;
  std::vector<int> options;
  std::optional<Rational> min;
  std::optional<Rational> max;
  int party = -1;
  std::vector<Condition> children;
  std::string meta;

  friend bool operator==(const Condition&, const Condition&) = default;
};

struct Rule {
  enum class Kind { contiguous, same_owner, implies, require, count };
  Kind kind = Kind::contiguous;
  // contiguous: the parties it covers, in file order; empty means all parties.
  std::vector<int> parties;
  // contiguous: (party, region issue) anchors, in file order.
  std::vector<std::pair<int, int>> anchors;
  // same_owner, count: the items/regions.
  std::vector<int> issues;
  // implies: `if` and `then`; require: `that` (in condition).
  Condition condition;
  Condition consequence;
  // count
  int party = -1;
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::string meta;

  friend bool operator==(const Rule&, const Rule&) = default;
};

std::string_view rule_name(Rule::Kind kind);

// Worth of each holder of an item or region to one party, in [0, 1].
struct HolderValues {
  Rational own = 1;
  Rational joint = Rational(1, 2);
  Rational neutral = 0;
  Rational other = 0;

  friend bool operator==(const HolderValues&, const HolderValues&) = default;
};

// One party's view of one issue.
struct IssuePreference {
  Rational weight;                                   // as written; < 0 only with a currency (a debt); normalised when used
  HolderValues holder;                               // item, region
  std::vector<Rational> option_values;               // choice: one per option
  std::vector<std::pair<Rational, Rational>> curve;  // number: (x, value) points, x increasing

  friend bool operator==(const IssuePreference&, const IssuePreference&) = default;
};

struct Preferences {
  std::vector<IssuePreference> issues;  // one per issue, in issue order
  Rational reservation;
  // Written as "status_quo": `reservation` then holds this party's exact
  // utility of the status quo with the agreed terms, resolved once when read,
  // so that every method sees a number; the writer writes "status_quo" back.
  // A what-if that sets `reservation` to another number clears it.
  bool reservation_is_status_quo = false;
  std::vector<Condition> red_lines;
  Rational delay_cost;         // utility lost per period without agreement (>= 0)
  Rational reservation_drift;  // change of the reservation per period without agreement (any sign)
  // "EUR": the weights are amounts of money and may be negative (a debt or
  // burden); empty when not given.
  std::string currency;
  std::string meta;

  // What the weights are divided by: the sum of their absolute values
  // (docs/scenario-format.md, "Values by kind"). Every normalisation of
  // weights goes through here, so that a debt counts the same everywhere.
  Rational weight_scale() const;
  // The part of the utility that a debt's worst case moves: -sum of the
  // negative weights (0 without debts). U = (sum w v + debt_offset) / scale.
  Rational debt_offset() const;

  friend bool operator==(const Preferences&, const Preferences&) = default;
};

// A point of a map drawing, in the GeoJSON file's own coordinates (x east,
// y north: longitude and latitude for geographic data).
struct MapPoint {
  double x = 0;
  double y = 0;

  friend bool operator==(const MapPoint&, const MapPoint&) = default;
};
// A closed ring: the first point is repeated as the last.
using MapRing = std::vector<MapPoint>;
// One polygon: its outer ring, then its holes.
using MapPolygon = std::vector<MapRing>;

// One feature of a GeoJSON map: a region issue, or background drawn for
// context (never owned, never linked).
struct MapFeature {
  std::string id;                    // the value of the map's region_key property
  int issue = -1;                    // the region issue it draws, or -1 for background
  std::vector<MapPolygon> polygons;  // 1 for a Polygon, 1 or more for a MultiPolygon
  MapPoint label;                    // a point inside the feature, for its label

  friend bool operator==(const MapFeature&, const MapFeature&) = default;
};

struct Map {
  // Every link between regions: region issue indices. Without GeoJSON, as
  // listed in the file, in file order. With GeoJSON, the regions whose borders
  // share a line (computed; each pair in increasing issue order, pairs sorted),
  // then the listed links that add to those.
  std::vector<std::pair<int, int>> adjacency;
  std::string geojson;                         // path as written, when the map is a GeoJSON file
  // The file the map was read from, as the loader named it (read_scenario_file:
  // the path resolved against the scenario's folder), for saying which file
  // was read; empty when the map is inline or explicit adjacency.
  std::string geojson_file;
  // The GeoJSON came inline ("geojson_data"), not from a file: the writer
  // writes `features` back as a FeatureCollection, and `geojson` is empty.
  bool geojson_inline = false;
  std::string region_key;
  // With GeoJSON: the links listed beside it in the file, in file order (they
  // are what the writer writes back; the computed ones come from the file).
  std::vector<std::pair<int, int>> listed;
  // With GeoJSON: its features in file order (empty otherwise).
  std::vector<MapFeature> features;
  std::string meta;

  friend bool operator==(const Map&, const Map&) = default;
};

enum class Period { round, day, week, month };
std::string_view period_name(Period period);

// A real cost of each period without agreement, in its own units (soldiers
// killed, money): reported beside the utilities, never traded off against them.
struct CostOfDelay {
  std::string what;     // non-empty: "soldiers killed"
  Rational per_period;  // >= 0
  std::string source;   // where the figure comes from; empty when not given
  std::string meta;

  friend bool operator==(const CostOfDelay&, const CostOfDelay&) = default;
};

// While an agreement holds, its terms move a party's no-deal position: when
// `when` holds in the agreed outcome, `party`'s reservation changes by
// `reservation_per_period` each period (docs/scenario-format.md, "Dynamics").
struct Shift {
  Condition when;
  int party = -1;
  Rational reservation_per_period;  // any sign
  std::string meta;

  friend bool operator==(const Shift&, const Shift&) = default;
};

// How time changes the dispute; empty when the file has no "dynamics".
struct Dynamics {
  std::vector<CostOfDelay> costs_of_delay;
  std::vector<Shift> shifts;
  std::string meta;

  bool empty() const { return costs_of_delay.empty() && shifts.empty() && meta.empty(); }
  friend bool operator==(const Dynamics&, const Dynamics&) = default;
};

struct Scenario {
  std::string title;
  std::string description;
  Period period = Period::round;
  std::vector<Party> parties;
  std::vector<Issue> issues;
  std::optional<Map> map;
  PartialOutcome status_quo;  // one entry per issue
  PartialOutcome agreed;      // one entry per issue
  std::vector<Rule> rules;
  std::vector<std::optional<Preferences>> preferences;  // one entry per party
  Dynamics dynamics;
  std::string meta;

  std::optional<int> party_index(std::string_view id) const;
  std::optional<int> issue_index(std::string_view id) const;
  // The id of a holder: a party id, "joint" or "neutral".
  std::string holder_id(Holder h) const;
  // How text names party p: "Party A (a)", or the id alone when it has no name.
  std::string party_label(int p) const;
  // How a sentence names party p: "Party A", or the id when it has no name.
  std::string party_name(int p) const;
  // How a sentence names issue i: its name as a noun phrase, "the family
  // house" for "Family house", "the SUV", "Region 1 (north)" (a numbered
  // name is a proper name), "the dog" for "The dog"; the id when it has no name.
  std::string issue_name(int i) const;
  // Parties without preferences, in party order.
  std::vector<int> parties_without_preferences() const;
  // The status quo with the agreed terms (agreed wins where both name an
  // issue); nullopt when some issue is named by neither.
  std::optional<Outcome> status_quo_outcome() const;
  // The issues neither the status quo nor the agreed terms name, in issue order.
  std::vector<int> status_quo_missing() const;

  friend bool operator==(const Scenario&, const Scenario&) = default;
};

}  // namespace parley
