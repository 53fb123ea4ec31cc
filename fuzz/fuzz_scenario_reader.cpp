// libFuzzer target: the scenario reader must never crash, hang or use
// unbounded memory, whatever the bytes. When a file is accepted, writing it
// and reading it back must give the same scenario. Files a scenario names are
// refused (no_files), as on a server: the fuzzer must not read whatever path
// it invents, and GeoJSON maps reach the reader inline ("geojson_data"; the
// seed examples/river-valley-inline.json has one).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto scenario = parley::read_scenario_text(text, "fuzz.json", {}, parley::no_files());
  if (!scenario) return 0;
  std::string written = parley::write_scenario(scenario.value());
  auto again = parley::read_scenario_text(written, "rewritten.json", {}, parley::no_files());
  if (!again || !(again.value() == scenario.value())) std::abort();
  return 0;
}
