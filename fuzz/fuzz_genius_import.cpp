// libFuzzer target: the Genius and GeniusWeb importers must never crash, hang
// or use unbounded memory, whatever the bytes. An input is a mode byte ('x':
// Genius XML, anything else: GeniusWeb JSON) and then files separated by a
// line "@@@@" (Genius: the domain, then the profiles; GeniusWeb: the
// profiles). The importers read paths, so the files are written to a private
// temporary folder. When an import is accepted, the scenario written from it
// must read back as the same scenario.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "parley/io/genius_import.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"

namespace {

const std::filesystem::path& folder() {
  static const std::filesystem::path made = [] {
    std::string name = (std::filesystem::temp_directory_path() / "parley-fuzz-genius-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) std::abort();
    return std::filesystem::path(name);
  }();
  return made;
}

std::vector<std::string> split_files(std::string_view text) {
  std::vector<std::string> parts;
  constexpr std::string_view kSeparator = "\n@@@@\n";
  for (std::size_t at = 0;;) {
    const std::size_t next = text.find(kSeparator, at);
    parts.emplace_back(text.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
    if (next == std::string_view::npos || parts.size() == 8) break;
    at = next + kSeparator.size();
  }
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool xml = data[0] == 'x';
  std::vector<std::string> files = split_files(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::vector<std::string> paths;
  for (std::size_t k = 0; k < files.size(); ++k) {
    paths.push_back((folder() / ("f" + std::to_string(k) + (xml ? ".xml" : ".json"))).string());
    std::ofstream(paths.back(), std::ios::binary | std::ios::trunc) << files[k];
  }
  parley::Result<parley::Imported> imported =
      xml ? parley::import_genius(paths.front(), std::vector<std::string>(paths.begin() + 1, paths.end()))
          : parley::import_geniusweb(paths, "");
  if (!imported) return 0;
  const parley::Scenario& s = imported.value().scenario;
  const std::string written = parley::write_scenario(s);
  auto again = parley::read_scenario_text(written, "imported.json", {}, parley::no_files());
  if (!again || !(again.value() == s)) std::abort();
  return 0;
}
