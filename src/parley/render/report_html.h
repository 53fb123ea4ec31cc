// `parley report`: one self-contained HTML page a mediator can read, print
// on A4 or hand over (docs/cli.md, "Money, debts, reports"), built from the
// engine's responses.
//
//   Scenario s = read_scenario_file("examples/ceasefire.json").value();
//   Result<render::ReportData> d = render::gather_report(s, {.method = Method::nash});
//   if (d) write(render::report_html(s, d.value(), {.source = "examples/ceasefire.json"}));
//
// The page needs no network and no script: inline CSS, inline SVG (the map
// and the frontier plot of render/), plain tables. It is XHTML-compatible
// HTML5 (every element closed, attributes quoted, no named entities), so an
// XML parser reads it too. Every string from the scenario is escaped. The
// same scenario and data give the same bytes: no clock, no randomness.
//
// Sections, each a <section> with a fixed id: scenario (the dispute in
// words), package (the package and why), map, frontier, fairness,
// sensitivity, delay. A section that does not apply says so in a sentence
// rather than disappearing, so a reader knows it was not forgotten.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/result.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/sensitivity.h"
#include "parley/model/scenario.h"

namespace parley::render {

struct ReportRequest {
  Method method = Method::nash;
  // --outcome: this outcome is the report's subject, evaluated; the method's
  // package is shown beside it.
  std::optional<Outcome> outcome;
  std::string outcome_name;  // how the report names it (its label or file name)
  double time_limit = 0;     // seconds for every engine call together; 0: none
  CallStart started;
};

// What the engine answered, call by call. A part that could not be had is
// absent, with a sentence saying why in its *_note.
struct ReportData {
  Method method = Method::nash;
  SolveResponse package;                    // solve(method)
  std::optional<Outcome> outcome;           // --outcome
  std::string outcome_name;
  std::optional<EvaluateResponse> evaluated;  // evaluate(outcome)
  std::optional<FrontierResponse> frontier;
  std::string frontier_note;
  std::optional<DelayResponse> delay;  // only when the scenario has delay costs, drifts or dynamics
  std::string delay_note;
  std::optional<SensitivityResponse> sensitivity;  // solution concepts with a package
  std::string sensitivity_note;
};

// True when time matters in the scenario: some party's delay cost or
// reservation drift is not zero, or it has dynamics.
bool has_delay_terms(const Scenario& s);

// Calls the facade: solve, evaluate (with an outcome), frontier (up to 5
// parties; its failure is a note, not a failure), delay (has_delay_terms),
// sensitivity (a solution concept's package; kReportSamples draws, seed 0, so
// that the page is the same on every run).
// Fails only when solve or evaluate does (invalid input, unsupported method,
// an answer that failed verification).
[[nodiscard]] Result<ReportData> gather_report(const Scenario& s, const ReportRequest& request);

inline constexpr std::size_t kReportSamples = 200;

struct ReportOptions {
  std::string source;  // the scenario's file, as the footer names it
};

// The section ids, in page order.
const std::vector<std::string>& report_sections();

std::string report_html(const Scenario& s, const ReportData& d, const ReportOptions& options);

}  // namespace parley::render
