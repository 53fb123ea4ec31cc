// negotiate --json and the tournament's CSV (docs/cli.md, "Time and negotiation dynamics").
#include <fmt/format.h>

#include <algorithm>

#include "parley/io/response_json.h"
#include "parley/io/scenario_writer.h"

namespace parley {

using json::Value;

namespace {

Value text_list(const std::vector<std::string>& items) {
  Value out = Value::array();
  for (const std::string& s : items) out.push(Value::string(s));
  return out;
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// 15 significant digits: every digit a double carries faithfully, so an exact
// 0.805625 reads 0.805625, not 0.8056250000000001 (its nearest double's tail).
std::string number(double d) { return fmt::format("{:.15g}", d); }

}  // namespace

Value to_json(const Scenario& s, const NegotiateResponse& r) {
  Value agents = Value::object();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    agents.add(s.parties[p].id, Value::string(std::string(agent_name(r.agents[p]))));
  }
  Value offers = Value::array();
  for (const NegotiationOffer& o : r.offers) {
    offers.push(Value::object()
                    .add("round", Value::integer(o.round))
                    .add("from", Value::string(o.from < 0 ? "mediator" : s.parties[static_cast<std::size_t>(o.from)].id))
                    .add("outcome", outcome_to_json(s, o.outcome)));
  }
  Value real = Value::array();
  for (const RealCostTotal& c : r.real_costs) {
    real.push(Value::object().add("what", Value::string(c.what)).add("total", Value::number(c.total.to_double())));
  }
  auto optional_number = [](const std::optional<double>& d) { return d ? Value::number(*d) : Value(); };
  Value out = Value::object();
  out.add("protocol", Value::string(std::string(protocol_name(r.protocol))))
      .add("agents", std::move(agents))
      .add("rounds", Value::integer(r.rounds))
      .add("seed", Value::string(std::to_string(r.seed)))
      .add("agreement", Value::boolean(r.agreement))
      .add("round", r.round ? Value::integer(*r.round) : Value())
      .add("outcome", r.outcome ? outcome_to_json(s, *r.outcome) : Value())
      .add("utilities", party_numbers(s, r.utilities))
      .add("utilities_exact", party_numbers_exact(s, r.utilities));
  if (r.agreement) out.add("package_utilities", party_numbers(s, r.package_utilities));
  out.add("offers", std::move(offers))
      .add("pareto_distance", optional_number(r.pareto_distance))
      .add("nash_distance", optional_number(r.nash_distance))
      .add("real_costs", std::move(real))
      .add("candidates", Value::object()
                             .add("count", Value::integer(static_cast<long long>(r.candidate_count)))
                             .add("sampled", Value::boolean(r.candidates_sampled))
                             .add("description", Value::string(r.candidates)));
  if (r.stopped) out.add("stopped", Value::boolean(true));
  out.add("explanation", text_list(r.explanation));
  if (!r.note.empty()) out.add("note", Value::string(r.note));
  out.add("verified", text_list(r.verified)).add("seconds", Value::number(r.seconds));
  return out;
}

std::vector<std::string> tournament_parties(const std::vector<TournamentEntry>& scenarios) {
  std::vector<std::string> out;
  for (const TournamentEntry& e : scenarios) {
    for (const Party& p : e.scenario.parties) {
      if (std::find(out.begin(), out.end(), p.id) == out.end()) out.push_back(p.id);
    }
  }
  return out;
}

std::string tournament_csv(const std::vector<TournamentEntry>& scenarios, const TournamentResponse& r, bool header) {
  const std::vector<std::string> parties = tournament_parties(scenarios);
  std::string out;
  if (header) {
    out += "scenario,agents,repetition,agreement,round";
    for (const std::string& p : parties) out += "," + csv_field("utility_" + p);
    out += ",pareto_distance,nash_distance,social_welfare\r\n";
  }
  for (const TournamentRow& row : r.rows) {
    const Scenario& s = scenarios[row.scenario].scenario;
    std::string agents;
    for (std::size_t p = 0; p < row.agents.size(); ++p) {
      agents += (p == 0 ? "" : ";") + s.parties[p].id + "=" + std::string(agent_name(row.agents[p]));
    }
    out += csv_field(scenarios[row.scenario].name) + "," + csv_field(agents) + "," + std::to_string(row.repetition) +
           "," + (row.agreement ? "true" : "false") + "," + (row.round ? std::to_string(*row.round) : "");
    for (const std::string& id : parties) {
      out += ",";
      if (auto p = s.party_index(id)) out += number(row.utilities[static_cast<std::size_t>(*p)].to_double());
    }
    out += "," + (row.pareto_distance ? number(*row.pareto_distance) : "") + "," +
           (row.nash_distance ? number(*row.nash_distance) : "") + "," + number(row.social_welfare.to_double()) + "\r\n";
  }
  return out;
}

}  // namespace parley
