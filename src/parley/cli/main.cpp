// parley: the command-line front end. It only parses arguments, calls the
// library and prints; docs/cli.md is its contract.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string_view>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"
#include "parley/cli/terminal_text.h"
#include "parley/parley.h"

int main(int argc, char** argv) {
  using namespace parley::cli;
  CLI::App app{"parley: negotiation analysis and mediation engine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "parley 0.1");

  auto add_common = [](CLI::App* cmd, CommonOptions& common) {
    cmd->add_flag("--json", common.json, "machine-readable output on stdout");
    cmd->add_flag("--quiet", common.quiet, "print nothing on success (errors still go to stderr)");
    // Accepted by every command so that scripts can pass it uniformly;
    // validate and evaluate finish in milliseconds and never need it.
    cmd->add_option("--time-limit", common.time_limit, "stop searching after SECONDS")
        ->check(CLI::Validator([](std::string& text) { return time_limit_problem(text); }, "SECONDS > 0"));
  };

  // What-if flags (docs/cli.md, "What beats this, what if, how robust").
  auto add_what_if = [](CLI::App* cmd, WhatIfFlags& flags) {
    cmd->add_option("--fix", flags.fixes,
                    "ISSUE=VALUE: hold that term fixed, as if agreed (repeatable); a share as revenue=a:0.4,b:0.6")
        ->allow_extra_args(false);
    cmd->add_option("--drop", flags.drops,
                    "POINTER: remove that red line (/preferences/a/red_lines/0), rule (/rules/2) or reservation "
                    "(/preferences/a/reservation: it becomes 0, no reservation), for a what-if (repeatable)")
        ->allow_extra_args(false);
  };

  // Only the command named is built: CLI11 spends about 1.6 million
  // instructions (0.4 ms, a seventh of a small solve's whole process) making
  // every command's options, of which one command's are used. No command, an
  // option first or an unknown name builds them all, for the help and for the
  // error that names the commands. A command missing from this list is
  // simply always built.
  static constexpr std::string_view kCommands[] = {
      "validate", "evaluate", "compare", "frontier", "solve",  "delay", "sensitivity", "negotiate",
      "tournament", "elicit", "render",  "report",   "import", "serve", "audit"};
  const std::string_view named = argc > 1 ? std::string_view(argv[1]) : std::string_view();
  const bool one = std::find(std::begin(kCommands), std::end(kCommands), named) != std::end(kCommands);
  auto wanted = [&](std::string_view name) { return !one || name == named; };

  ValidateOptions validate;
  CLI::App* v = nullptr;
  if (wanted("validate")) {
    v = app.add_subcommand("validate", "check a scenario file and summarise it");
    v->add_option("FILE", validate.file, "scenario file (JSON)")->required();
    add_common(v, validate.common);
  }

  EvaluateOptions evaluate;
  CLI::App* e = nullptr;
  if (wanted("evaluate")) {
    e = app.add_subcommand("evaluate", "utilities, constraints and fairness of one outcome");
    e->add_option("FILE", evaluate.file, "scenario file (JSON)")->required();
    e->add_option("--outcome", evaluate.outcome, "outcome file: issue id -> value (JSON)")->required();
    add_common(e, evaluate.common);
  }

  CompareOptions compare;
  CLI::App* cmp = nullptr;
  if (wanted("compare")) {
    cmp = app.add_subcommand("compare", "several outcomes side by side, and which dominates which");
    cmp->add_option("FILE", compare.file, "scenario file (JSON)")->required();
    cmp->add_option("OUTCOMES", compare.outcomes, "outcome files (JSON), two or more")->required()->expected(2, -1);
    add_common(cmp, compare.common);
  }

  FrontierOptions frontier;
  CLI::App* f = nullptr;
  if (wanted("frontier")) {
    f = app.add_subcommand("frontier", "the Pareto frontier of the feasible, individually rational outcomes");
    f->add_option("FILE", frontier.file, "scenario file (JSON)")->required();
    f->add_option("--limit", frontier.limit, "print at most N points (saying how many exist)")
        ->check(CLI::PositiveNumber);
    f->add_option("--svg", frontier.svg, "also draw the frontier to this SVG file");
    f->add_option("--mark", frontier.marks,
                  "an outcome file to mark on the drawing and list with its utilities (repeatable); named after "
                  "its \"label\" when it has one, else the file name");
    add_what_if(f, frontier.what_if);
    add_common(f, frontier.common);
  }

  SolveOptions solve;
  CLI::App* so = nullptr;
  if (wanted("solve")) {
    so = app.add_subcommand("solve", "the best outcome under a solution concept");
    so->add_option("FILE", solve.file, "scenario file (JSON)")->required();
    so->add_option("--method", solve.method,
                   "nash, ks, egalitarian, utilitarian, mnw, leximin, aw, round-robin, envy-cycle, knaster, "
                   "compensation, alternating, robust")
        ->check(CLI::IsMember({"nash", "ks", "egalitarian", "utilitarian", "mnw", "leximin", "aw", "round-robin",
                               "envy-cycle", "knaster", "compensation", "alternating", "robust"}))
        ->capture_default_str();
    so->add_option("--periods", solve.periods,
                   "alternating: the number of periods T before the deadline (default 52); the backward induction "
                   "takes T steps over the exact frontier of every feasible outcome")
        ->check(CLI::Range(1, 1'000'000));
    so->add_option("--spread", solve.spread,
                   "robust: how far each weight may be off, as a share S in [0, 1) (default 0.2): each raw weight "
                   "anywhere in [w (1 - S), w (1 + S)]");
    so->add_option("--first", solve.first, "alternating: the party who proposes first (a party id; default the first)");
    so->add_option("--svg", solve.svg,
                   "also draw the answer to this SVG file: on the map when the scenario has regions (as render "
                   "does), otherwise the frontier with the answer marked");
    so->add_option("--contiguity", solve.contiguity,
                   "how the package optimiser writes contiguity rules: cuts (default) or flow")
        ->check(CLI::IsMember({"flow", "cuts"}));
    so->add_flag("--mip", solve.mip, "use the package optimiser (MIP) even where the exact frontier can be listed");
    add_what_if(so, solve.what_if);
    add_common(so, solve.common);
  }

  DelayOptions delay;
  CLI::App* de = nullptr;
  if (wanted("delay")) {
    de = app.add_subcommand("delay", "what time costs: per-period costs, when the zone of agreement closes, "
                                               "how long a package stays acceptable while its terms shift the parties' "
                                               "no-deal positions");
    de->add_option("FILE", delay.file, "scenario file (JSON)")->required();
    de->add_option("--outcome", delay.outcome, "the package to test (outcome file, JSON); default: the Nash package");
    de->add_option("--horizon", delay.horizon, "periods to look ahead")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000'000}))
        ->capture_default_str();
    add_what_if(de, delay.what_if);
    add_common(de, delay.common);
  }

  SensitivityOptions sensitivity;
  CLI::App* sen = nullptr;
  if (wanted("sensitivity")) {
    sen = app.add_subcommand("sensitivity", "how firmly the answer rests on the numbers: the exact interval of "
                                                      "each weight and reservation that keeps it, and how often it "
                                                      "survives random changes of every weight");
    sen->add_option("FILE", sensitivity.file, "scenario file (JSON)")->required();
    sen->add_option("--method", sensitivity.method, "nash, ks, egalitarian, utilitarian, mnw or leximin")
        ->capture_default_str();
    sen->add_option("--spread", sensitivity.spread,
                    "S in [0, 1): each sample multiplies every raw weight by a factor drawn uniformly from "
                    "[1 - S, 1 + S]")
        ->capture_default_str();
    sen->add_option("--samples", sensitivity.samples, "N >= 1: how many samples")->capture_default_str();
    sen->add_option("--seed", sensitivity.seed, "the random seed (same seed, same samples)")->capture_default_str();
    add_what_if(sen, sensitivity.what_if);
    add_common(sen, sensitivity.common);
    sen->footer(
        "Intervals: for each positive raw weight (searched within 0 to 10 times it) and each reservation (within\n"
        "0 to 1), the one number changed with all others as given, the ends where the answer changes, found\n"
        "exactly (not by scanning) and shown to 3 significant digits rounded inward; \"low_exact\"/\"high_exact\"\n"
        "in --json are the exact ends. A reservation written \"status_quo\" moves with its party's weights.\n"
        "Samples: the same seed draws the same factors on every machine.");
  }

  NegotiateOptions negotiate;
  CLI::App* ne = nullptr;
  if (wanted("negotiate")) {
    ne = app.add_subcommand("negotiate", "a simulated negotiation between agents who each see only their own "
                                                   "preferences and the offers made");
    ne->add_option("FILE", negotiate.file, "scenario file (JSON)")->required();
    ne->add_option("--protocol", negotiate.protocol,
                   "alternating (the parties propose in turn, the others accept or refuse) or single-text (the "
                   "mediator amends one text, one issue at a time, and the parties vote)")
        ->capture_default_str();
    ne->add_option("--agents", negotiate.agents,
                   "PARTY=AGENT for every party, separated by commas; agents: boulware, linear, conceder "
                   "(time-dependent, e = 0.2, 1, 2), hardliner, tit-for-tat, nash-seeker")
        ->required();
    ne->add_option("--rounds", negotiate.rounds,
                   "rounds (each a period of delay) before the talks end without agreement")
        ->check(CLI::Range(1, 1'000'000))
        ->capture_default_str();
    ne->add_option("--seed", negotiate.seed, "the random seed (same seed, same run)")->capture_default_str();
    add_common(ne, negotiate.common);
    ne->footer(
        "Round t (from 0) costs each party t times their delay_cost: agreement on o in round t pays U(o) - t c.\n"
        "pareto_distance: the Euclidean distance in utility space from the agreement's utilities U(o) to the\n"
        "nearest point of the exact Pareto frontier of every feasible outcome (0: efficient); nash_distance: to\n"
        "the Nash package (solve --method nash). Agents offer from every outcome meeting the rules and agreed\n"
        "terms when there are at most 100,000, else from a seeded sample of 20,000 plus their own best outcome\n"
        "and a descent from it; the output says which.");
  }

  TournamentOptions tourney;
  CLI::App* to = nullptr;
  if (wanted("tournament")) {
    to = app.add_subcommand("tournament", "every ordered assignment of the agents to the parties of every "
                                                    "scenario, repeated; one CSV row a negotiation");
    to->add_option("FILES", tourney.files, "scenario files (JSON)")->required()->expected(1, -1);
    to->add_option("--agents", tourney.agents, "agents separated by commas (boulware,conceder,...)")->required();
    to->add_option("--protocol", tourney.protocol, "alternating or single-text")->capture_default_str();
    to->add_option("--rounds", tourney.rounds, "rounds of each negotiation")
        ->check(CLI::Range(1, 1'000'000))
        ->capture_default_str();
    to->add_option("--repetitions", tourney.repetitions, "times each assignment is negotiated")
        ->check(CLI::Range(1, 1'000'000))
        ->capture_default_str();
    to->add_option("--seed", tourney.seed, "the tournament's seed (each row's seed comes from it and the row's number)")
        ->capture_default_str();
    to->add_option("--jobs", tourney.jobs, "negotiations run at once on this machine (the output does not change)")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    to->add_option("--shard", tourney.shard,
                   "I/N: run only the I-th of N equal slices of the rows (for a job array); shard 1 writes the header, "
                   "so the slices' files concatenated in order are the whole")
        ->capture_default_str();
    to->add_option("-o,--output", tourney.output, "CSV file to write")->required();
    add_common(to, tourney.common);
  }

  ElicitOptions elicit;
  CLI::App* el = nullptr;
  if (wanted("elicit")) {
    el = app.add_subcommand("elicit", "a party's weights (and value tables) from their ranking of example "
                                                "packages, by a linear program (UTA)");
    el->add_option("FILE", elicit.file, "scenario file (JSON)")->required();
    el->add_option("--party", elicit.party, "the party whose ranking it is (a party id)")->required();
    el->add_option("--ranking", elicit.ranking,
                   "ranking file: {\"packages\": [outcome, ...], \"order\": [[0], [2, 3], [1]]}, best first, ties "
                   "grouped; packages may leave out agreed terms")
        ->required();
    el->add_flag("--values", elicit.values,
                 "elicit the value tables too: one number in [0, 1] per holder class, option or number seen in the "
                 "packages (monotone for a number issue whose curve in the scenario only rises or only falls); a share "
                 "is worth its fraction");
    add_common(el, elicit.common);
    el->footer(
        "The weights: when some weights reproduce the ranking (each group above the next, tied packages exactly\n"
        "equal), those with the largest smallest utility gap between consecutive groups; otherwise UTA's least\n"
        "total error (each package's utility may move by an error; consecutive groups 1/(100 (groups - 1)) apart).\n"
        "Without --values the value tables are the party's own in the scenario (else the format's defaults).\n"
        "The linear programs run on CLP; the answer is rebuilt in exact fractions and checked with parley's exact\n"
        "utilities. \"inconsistent\": pairs [i, j], i ranked above j, that no weights at all (with --values, no\n"
        "tables either) rank i above j: j is at least as good for the party on every issue. A ranking can fail\n"
        "as a whole with no such pair; \"misordered\" then lists the pairs the weights returned still get wrong.\n"
        "--json: {\"party\", \"weights\", \"inconsistent\", \"weights_exact\", \"preferences\", \"reproduced\",\n"
        "\"margin\", \"utilities\", \"inconsistent_ties\", \"misordered\", \"unequal_ties\", \"unvaried\", ...}.");
  }

  RenderOptions render;
  CLI::App* r = nullptr;
  if (wanted("render")) {
    r = app.add_subcommand("render", "draw the map (or, without GeoJSON, the adjacency graph) coloured by "
                                               "who holds each region in an outcome");
    r->add_option("FILE", render.file, "scenario file (JSON)")->required();
    r->add_option("--outcome", render.outcome, "outcome file: issue id -> value (JSON)")->required();
    r->add_option("-o,--output", render.output, "SVG file to write")->required();
    add_common(r, render.common);
  }

  ReportOptions report;
  CLI::App* rep = nullptr;
  if (wanted("report")) {
    rep = app.add_subcommand("report", "one self-contained HTML page for a mediator to read or print: the "
                                                 "dispute in words, the package and why, the map, the frontier, "
                                                 "fairness, the cost of delay");
    rep->add_option("FILE", report.file, "scenario file (JSON)")->required();
    // Checked by the command against every method the engine has, so that the
    // list here cannot fall behind solve's.
    rep->add_option("--method", report.method, "the method whose package the report recommends (as solve's --method)")
        ->capture_default_str();
    rep->add_option("--outcome", report.outcome,
                    "a proposal (outcome file, JSON) to report on instead, with the method's package beside it");
    rep->add_option("-o,--output", report.output, "HTML file to write")->required();
    add_common(rep, report.common);
  }

  ImportOptions import;
  CLI::App* im = nullptr;
  CLI::App* ig = nullptr;
  CLI::App* iw = nullptr;
  if (wanted("import")) {
    im = app.add_subcommand("import", "convert Genius or GeniusWeb files to a parley scenario");
    im->require_subcommand(1);
    ig = im->add_subcommand("genius", "Genius 10.4 XML: DOMAIN.xml PROFILE.xml...");
    ig->add_option("FILES", import.files, "the domain file, then one profile per party")->required()->expected(2, -1);
    ig->add_option("-o,--output", import.output, "scenario file to write")->required();
    add_common(ig, import.common);
    iw = im->add_subcommand("geniusweb", "GeniusWeb LinearAdditiveUtilitySpace JSON: PROFILE.json...");
    iw->add_option("FILES", import.files, "one profile per party")->required()->expected(1, -1);
    iw->add_option("--domain", import.domain, "domain file, when the profiles do not embed it");
    iw->add_option("-o,--output", import.output, "scenario file to write")->required();
    add_common(iw, import.common);
  }

  ServeOptions serve;
  CLI::App* se = nullptr;
  if (wanted("serve")) {
    se = app.add_subcommand("serve", "serve negotiation rooms over HTTP (docs/room-api.md) until SIGTERM/SIGINT");
    se->add_option("--db", serve.db, "rooms database: a file path (SQLite, created if missing) or a postgresql:// URL")
        ->capture_default_str();
    se->add_option("--listen", serve.listen, "HOST:PORT to accept requests on (port 0: any free port)")
        ->capture_default_str();
    se->add_option("--solve-time-limit", serve.solve_time_limit, "seconds an engine call may take")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    se->add_option("--address-rate", serve.address_rate,
                   "requests a second from one client address, in bursts of twice that (0: no limit; behind a "
                   "reverse proxy every client has the proxy's address)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    se->add_option("--address-connections", serve.address_connections,
                   "connections open at once from one client address (0: no limit)")
        ->check(CLI::Range(0, 100000))
        ->capture_default_str();
    se->add_option("--web", serve.web,
                   "folder of the web page's built files, served at / (default: the folder web beside the parley "
                   "executable; without an index.html there, / says how to build the page)")
        ->type_name("DIR");
    se->add_flag("--quiet", serve.quiet, "no access log on stderr");
  }

  AuditOptions audit;
  CLI::App* au = nullptr;
  if (wanted("audit")) {
    au = app.add_subcommand("audit", "re-check a room's hash-chained log, receipts of it, and its tables "
                                               "against it (exit 0 intact, 2 broken)");
    au->add_option("DB", audit.db, "rooms database: a file path or a postgresql:// URL")->required();
    au->add_option("ROOM", audit.room, "room id")->required();
    au->add_option("--head", audit.heads,
                   "a receipt kept from GET /v1/rooms/ID's \"log_head\" (or an earlier audit): entry SEQ must still "
                   "be in the log with exactly this HASH; repeatable")
        ->type_name("SEQ:HASH")
        ->allow_extra_args(false)
        ->check(CLI::Validator([](std::string& text) { return head_problem(text); }, ""));
    add_common(au, audit.common);
    au->footer(
        "Checks, from the stored rows alone: (1) the hash chain (each entry's hash over its prev, seq, time,\n"
        "actor, action and unredacted detail; seq without gaps); (2) each --head receipt names an entry still\n"
        "there with that hash, so entries cut from the log's end, or a rewritten chain, are noticed; (3) the\n"
        "room's tables (room, preferences, proposals, responses, agreed terms) are what the log's latest entry\n"
        "about each row says, and every entry's state is a row (skipped when (1) fails).\n"
        "Exit 0 all hold; 2 one fails, naming the first problem (\"entry 7: proposal 3's outcome in the table\n"
        "differs from the log\"); 1 no such database or room.\n"
        "--json prints {\"room\", \"intact\", \"entries\", \"first_bad\" (null when intact), \"chain_intact\",\n"
        "\"tables_match\" (null when not replayed), \"receipts\": [{\"seq\", \"hash\", \"matches\"}],\n"
        "\"head\": {\"seq\", \"hash\"} (the last entry, a receipt for a later audit; null when the log is empty),\n"
        "\"notes\": [what entries written by older versions cannot prove]}.");
  }

  // Text from the user's files or command line never reaches the terminal as
  // control characters.
  TerminalText out_filter(std::cout.rdbuf()), err_filter(std::cerr.rdbuf());
  std::ostream out(&out_filter), err(&err_filter);
  err.setf(std::ios::unitbuf);  // progress and errors appear when written

  // With --json, even a command line that cannot be parsed answers in JSON.
  const bool json = std::any_of(argv + 1, argv + argc, [](const char* a) { return std::string_view(a) == "--json"; });
  try {
    // CLI11 answers an unknown command with "A subcommand is required".
    const std::vector<CLI::App*> commands = app.get_subcommands({});
    if (argc > 1 && argv[1][0] != '-' &&
        std::none_of(commands.begin(), commands.end(), [&](const CLI::App* c) { return c->check_name(argv[1]); })) {
      std::string names;
      for (const CLI::App* c : commands) names += (names.empty() ? "" : ", ") + c->get_name();
      throw CLI::ExtrasError("parley has no command '" + std::string(argv[1]) + "'; the commands are " + names,
                             CLI::ExitCodes::ExtrasError);
    }
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error, out, err);  // CLI11 quotes the arguments it refuses
    if (code != 0 && json) {
      std::cout << parley::json::write(parley::failure_to_json(
                       parley::Failure{"", {{"", error.what()}}, parley::FailureKind::unreadable}))
                << '\n';
    }
    return code == 0 ? kExitOk : kExitCannotRun;
  }
  try {
    if (v && *v) return run_validate(validate, out, err);
    if (e && *e) return run_evaluate(evaluate, out, err);
    if (cmp && *cmp) return run_compare(compare, out, err);
    if (f && *f) return run_frontier(frontier, out, err);
    if (so && *so) return run_solve(solve, out, err);
    if (de && *de) return run_delay(delay, out, err);
    if (sen && *sen) return run_sensitivity(sensitivity, out, err);
    if (ne && *ne) return run_negotiate(negotiate, out, err);
    if (to && *to) return run_tournament(tourney, out, err);
    if (el && *el) return run_elicit(elicit, out, err);
    if (r && *r) return run_render(render, out, err);
    if (rep && *rep) return run_report(report, out, err);
    if (se && *se) return run_serve(serve, out, err);
    if (au && *au) return run_audit(audit, out, err);
    if (im && *im) {
      import.format = *ig ? "genius" : "geniusweb";
      return run_import(import, out, err);
    }
  } catch (const std::exception& ex) {
    // The facade turns its components' exceptions into failures; one that
    // still gets here is a bug in parley.
    const std::string message = std::string("internal error: ") + ex.what();
    if (json) {
      std::cout << parley::json::write(
                       parley::failure_to_json(parley::Failure{"", {{"", message}}, parley::FailureKind::internal}))
                << '\n';
    }
    std::cerr << "parley: " << message << '\n';
    return kExitInternal;
  }
  return kExitCannotRun;
}
