// Embedding parley: read a scenario, ask for the Nash bargaining package,
// print it. Built as `parley_embed_example` and run by the tests:
//
//   build/parley_embed_example examples/ceasefire.json
#include <parley/parley.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: parley_embed_example SCENARIO.json\n";
    return 1;
  }
  parley::Result<parley::Scenario> scenario = parley::read_scenario_file(argv[1]);
  if (!scenario) {
    for (const parley::Diagnostic& d : scenario.errors()) std::cerr << argv[1] << ": " << d.pointer << ": " << d.message << '\n';
    return 2;
  }
  parley::Result<parley::SolveResponse> answer =
      parley::solve(scenario.value(), {.method = parley::Method::nash, .time_limit = 30});
  if (!answer) {
    std::cerr << answer.errors().front().message << '\n';
    return 1;
  }
  const parley::SolveResponse& r = answer.value();
  std::cout << parley::status_name(r.status) << '\n';
  for (const std::string& sentence : r.explanation) std::cout << "- " << sentence << '\n';
  std::cout << parley::json::write(parley::to_json(scenario.value(), r)) << '\n';
  return 0;
}
