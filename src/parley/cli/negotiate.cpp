// parley negotiate FILE --protocol P --agents a=boulware,b=conceder and
// parley tournament FILE... --agents boulware,conceder -o RESULTS.csv
// (docs/cli.md, "Time and negotiation dynamics"). Reads, calls the facade, prints.
#include <ostream>
#include <string>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/io/scenario_writer.h"
#include "parley/parley.h"

namespace parley::cli {

namespace {

std::string agent_names() { return "boulware, linear, conceder, hardliner, tit-for-tat, nash-seeker"; }

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::string part;
  for (char c : text) {
    if (c == by) {
      out.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  out.push_back(part);
  return out;
}

void print_negotiation(const Scenario& s, const std::string& file, const NegotiateResponse& r, std::ostream& out) {
  const std::string per(period_name(s.period));
  out << "Negotiation on " << (s.title.empty() ? file : s.title) << " ("
      << (r.protocol == Protocol::alternating ? "alternating offers" : "single negotiating text") << ", at most "
      << amount(Rational(r.rounds)) << " " << per << (r.rounds == 1 ? "" : "s") << ", seed " << r.seed << ")\n\n";
  std::vector<std::vector<std::string>> offers{{per, "from", "offer"}};
  const std::size_t shown = 12;
  for (std::size_t k = 0; k < r.offers.size(); ++k) {
    if (r.offers.size() > shown && k == shown / 2) {
      offers.push_back({"...", "", amount(Rational(static_cast<std::int64_t>(r.offers.size() - shown))) + " more offers"});
      k = r.offers.size() - shown / 2;
    }
    const NegotiationOffer& o = r.offers[k];
    std::string terms;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      terms += (i == 0 ? "" : "; ") + s.issues[i].id + " " + describe_value(s, static_cast<int>(i), o.outcome[i]);
    }
    offers.push_back({std::to_string(o.round), o.from < 0 ? "mediator" : s.parties[static_cast<std::size_t>(o.from)].id,
                      terms});
  }
  if (r.offers.empty()) {
    out << "No offers were made.\n\n";
  } else {
    out << table(offers) << "\n";
  }
  if (r.outcome) {
    out << "Agreement in " << per << " " << *r.round << ":\n";
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      rows.push_back({s.issues[i].id, describe_value(s, static_cast<int>(i), (*r.outcome)[i])});
    }
    out << table(rows) << "\n";
  } else {
    out << "No agreement.\n\n";
  }
  // "no agreement": what each would have had with none by the end, the
  // reservation less the whole horizon's delay (the payoff to compare with).
  std::vector<std::vector<std::string>> parties{
      {"party", "agent", "package", "after delay", "no agreement", "reservation"}};
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const Preferences& pr = *s.preferences[p];
    parties.push_back({s.party_label(static_cast<int>(p)), std::string(agent_name(r.agents[p])),
                       r.agreement ? decimal(r.package_utilities[p]) : "-", decimal(r.utilities[p]),
                       decimal(pr.reservation - pr.delay_cost * r.rounds), decimal(pr.reservation)});
  }
  out << table(parties);
  out << "\nIn words:\n";
  for (const std::string& sentence : r.explanation) out << "  - " << sentence << "\n";
  if (r.pareto_distance || r.nash_distance) {
    out << "\nDistances are Euclidean, in utility space, from the agreement's utilities to the nearest point of the\n"
           "exact Pareto frontier of every feasible package, and to the Nash package.\n";
  }
  if (!r.note.empty()) out << "\nNote: " << r.note << "\n";
}

}  // namespace

int run_negotiate(const NegotiateOptions& options, std::ostream& out, std::ostream& err) {
  auto bad_flag = [&](const std::string& why) {
    return report_failure(options.common, out, err, Failure{"parley negotiate", {{"", why}}, FailureKind::unreadable},
                          "");
  };
  const std::optional<Protocol> protocol = protocol_named(options.protocol);
  if (!protocol) return bad_flag("--protocol must be alternating or single-text, not '" + options.protocol + "'");
  Result<Scenario> read = read_scenario_file(options.file);
  if (!read) return report_failure(options.common, out, err, read.failure(), options.file);
  const Scenario& s = read.value();
  NegotiateRequest request;
  request.protocol = *protocol;
  std::vector<std::optional<AgentKind>> agents(s.parties.size());
  for (const std::string& pair : split(options.agents, ',')) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos) return bad_flag("--agents takes PARTY=AGENT pairs separated by commas, not '" + pair + "'");
    const std::optional<int> p = s.party_index(pair.substr(0, eq));
    if (!p) return bad_flag("--agents: no party '" + pair.substr(0, eq) + "' in " + options.file);
    const std::optional<AgentKind> kind = agent_named(pair.substr(eq + 1));
    if (!kind) return bad_flag("--agents: no agent '" + pair.substr(eq + 1) + "'; the agents are " + agent_names());
    if (agents[static_cast<std::size_t>(*p)]) return bad_flag("--agents names party '" + pair.substr(0, eq) + "' twice");
    agents[static_cast<std::size_t>(*p)] = kind;
  }
  for (std::size_t p = 0; p < agents.size(); ++p) {
    if (!agents[p]) return bad_flag("--agents gives no agent for party '" + s.parties[p].id + "'");
    request.agents.push_back(*agents[p]);
  }
  request.rounds = options.rounds;
  request.seed = options.seed;
  request.time_limit = options.common.time_limit;
  request.started = options.common.started;
  Result<NegotiateResponse> answered = negotiate(s, request);
  if (!answered) return report_failure(options.common, out, err, answered.failure(), options.file);
  const NegotiateResponse& r = answered.value();
  if (options.common.json) {
    out << json::write(to_json(s, r)) << '\n';
  } else if (!options.common.quiet) {
    print_negotiation(s, options.file, r, out);
  }
  return r.stopped && !r.agreement ? kExitTimeLimit : kExitOk;
}

int run_tournament(const TournamentOptions& options, std::ostream& out, std::ostream& err) {
  auto bad_flag = [&](const std::string& why) {
    return report_failure(options.common, out, err, Failure{"parley tournament", {{"", why}}, FailureKind::unreadable},
                          "");
  };
  const std::optional<Protocol> protocol = protocol_named(options.protocol);
  if (!protocol) return bad_flag("--protocol must be alternating or single-text, not '" + options.protocol + "'");
  TournamentRequest request;
  request.protocol = *protocol;
  for (const std::string& name : split(options.agents, ',')) {
    const std::optional<AgentKind> kind = agent_named(name);
    if (!kind) return bad_flag("--agents: no agent '" + name + "'; the agents are " + agent_names());
    request.agents.push_back(*kind);
  }
  const std::vector<std::string> shard = split(options.shard, '/');
  try {
    if (shard.size() != 2) throw std::invalid_argument("");
    std::size_t used = 0;
    request.shard = std::stoi(shard[0], &used);
    if (used != shard[0].size()) throw std::invalid_argument("");
    request.shards = std::stoi(shard[1], &used);
    if (used != shard[1].size()) throw std::invalid_argument("");
  } catch (const std::exception&) {
    return bad_flag("--shard takes I/N (the I-th of N slices, 1 <= I <= N), not '" + options.shard + "'");
  }
  if (request.shards < 1 || request.shard < 1 || request.shard > request.shards) {
    return bad_flag("--shard takes I/N with 1 <= I <= N, not '" + options.shard + "'");
  }
  if (auto refused = refuse_input_as_output(options.common, out, err, options.output, options.files)) return *refused;
  std::vector<TournamentEntry> entries;
  for (const std::string& file : options.files) {
    Result<Scenario> read = read_scenario_file(file);
    if (!read) return report_failure(options.common, out, err, read.failure(), file);
    entries.push_back({file, std::move(read).value()});
  }
  request.rounds = options.rounds;
  request.repetitions = options.repetitions;
  request.seed = options.seed;
  request.jobs = options.jobs;
  request.time_limit = options.common.time_limit;
  request.started = options.common.started;
  Result<TournamentResponse> answered = tournament(entries, request);
  if (!answered) return report_failure(options.common, out, err, answered.failure(), "");
  const TournamentResponse& r = answered.value();
  // Only the first shard writes the header: the shards' files, concatenated in order, are the whole.
  if (auto failed = write_output(options.common, out, err, options.output,
                                 tournament_csv(entries, r, request.shard == 1), "results file")) {
    return *failed;
  }
  if (options.common.json) {
    out << json::write(json::Value::object()
                           .add("rows", json::Value::integer(static_cast<long long>(r.rows.size())))
                           .add("total_rows", json::Value::integer(static_cast<long long>(r.total_rows)))
                           .add("stopped", json::Value::boolean(r.stopped))
                           .add("output", json::Value::string(options.output))
                           .add("seconds", json::Value::number(r.seconds)))
        << '\n';
  } else if (!options.common.quiet) {
    auto count = [](std::size_t k) { return amount(Rational(static_cast<std::int64_t>(k))); };
    if (request.shards == 1 && !r.stopped) {
      out << "Wrote all " << count(r.rows.size()) << " negotiations of the tournament to " << options.output << ".\n";
    } else {
      out << "Wrote " << count(r.rows.size()) << " of the tournament's " << count(r.total_rows) << " negotiations";
      if (request.shards > 1) out << " (shard " << request.shard << " of " << request.shards << ")";
      out << " to " << options.output
          << (r.stopped ? "; the time limit stopped the tournament before the rest, which are not in the file" : "")
          << ".\n";
    }
  }
  return r.stopped ? kExitTimeLimit : kExitOk;
}

}  // namespace parley::cli
