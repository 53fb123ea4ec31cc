// parley: the one header an embedding program includes.
//
//   #include <parley/parley.h>
//
//   parley::Result<parley::Scenario> s = parley::read_scenario_file("ceasefire.json");
//   if (!s) { for (const auto& d : s.errors()) std::cerr << d.pointer << ": " << d.message << '\n'; return 2; }
//   parley::Result<parley::SolveResponse> r = parley::solve(s.value(), {.method = parley::Method::nash});
//   if (r) std::cout << parley::json::write(parley::to_json(s.value(), r.value())) << '\n';
//
// What is here: reading scenarios and outcomes (io/scenario_reader.h), the
// engine's entry points with their plain-data requests and responses
// (mediate/engine.h: solve, frontier, evaluate, summarise), their JSON forms
// (io/response_json.h), Genius and GeniusWeb import (io/genius_import.h), and
// the pictures (render/: the map coloured by an outcome, the frontier plot).
#pragma once

#include "parley/io/genius_import.h"
#include "parley/io/json.h"
#include "parley/io/response_json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "parley/io/sensitivity_json.h"
#include "parley/io/what_if.h"
#include "parley/mediate/engine.h"
#include "parley/render/frontier_svg.h"
#include "parley/render/map_svg.h"
