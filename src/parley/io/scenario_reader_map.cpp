// The scenario reader's map: explicit adjacency, or a GeoJSON map whose
// shared borders become links (scenario_reader_internal.h).
#include <algorithm>
#include <set>
#include <utility>

#include "parley/io/geojson_map.h"
#include "parley/io/scenario_reader_internal.h"

namespace parley::io_internal {

namespace {

// A JSON syntax message without the text it quotes ("...; last read:
// '<the token>'"): the GeoJSON file may be one the reader was not meant to
// show, and the line and column already say where.
std::string without_quoted_text(const std::string& message) {
  const std::size_t quoted = message.find("; last read:");
  return quoted == std::string::npos ? message : message.substr(0, quoted);
}

}  // namespace

// --------------------------------------------------------------------- map ---

void Reader::read_map(const Value* v, const std::string& ptr) {
  std::vector<int> regions;
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (usable_[i] && s_.issues[i].kind == IssueKind::region) regions.push_back(static_cast<int>(i));
  }
  if (!v) {
    if (!regions.empty()) {
      std::vector<std::string> ids;
      for (int r : regions) ids.push_back(s_.issues[static_cast<std::size_t>(r)].id);
      error(ptr, "missing: the scenario has region issues (" + list_text(ids) +
                     "), which need a map: \"map\": {\"adjacency\": [[\"r1\", \"r2\"], ...]}");
    }
    return;
  }
  if (!expect(*v, Type::object, ptr, "a map object {\"adjacency\": [[\"r1\", \"r2\"], ...]}")) return;
  check_keys(*v, ptr, {"adjacency", "geojson", "geojson_data", "region_key", "meta"}, "the map");
  Map map;
  if (const Value* m = v->find("meta")) map.meta = meta_text(*m);
  // With GeoJSON (a file, or the FeatureCollection inline), the regions on the
  // map are its features; listed links only add to the borders computed from it.
  const bool geojson = v->find("geojson") || v->find("geojson_data");
  std::vector<bool> on_geojson(s_.issues.size(), false);
  if (v->find("geojson") && v->find("geojson_data")) {
    error(pointer_join(ptr, "geojson_data"),
          "the map has both \"geojson\" (the path of a GeoJSON file) and \"geojson_data\" (the FeatureCollection "
          "inline); give exactly one of them");
  } else if (geojson) {
    read_geojson(*v, ptr, map, on_geojson);
  } else if (v->find("region_key")) {
    error(pointer_join(ptr, "region_key"), "\"region_key\" names the GeoJSON property holding region ids; it needs "
                                           "\"geojson\" (a file) or \"geojson_data\" (the FeatureCollection inline)");
  }
  std::vector<bool> on_map(s_.issues.size(), false);
  // Names in links that are not regions ("bnak"): a region they were probably
  // meant to name ("bank") is not reported again as missing from the map.
  std::vector<std::string> broken_names;
  auto note_broken = [&](const Value& end) {
    if (end.is_string() && broken_names.size() < 100) broken_names.push_back(end.text());
  };
  if (const Value* adj = v->find("adjacency")) {
    std::string ap = pointer_join(ptr, "adjacency");
    if (expect(*adj, Type::array, ap, "an array of [region, region] pairs")) {
      std::set<std::pair<int, int>> seen;
      for (std::size_t k = 0; k < adj->items().size(); ++k) {
        const Value& pair = adj->items()[k];
        std::string pp = pointer_join(ap, k);
        // A lone region, ["r5"], is an island: on the map with no neighbours.
        if (pair.is_array() && pair.items().size() == 1) {
          std::string ep = pointer_join(pp, 0);
          int r = issue_ref(pair.items()[0], ep);
          if (r >= 0 && kind_is(r, {IssueKind::region}, ep, "a region on the map")) {
            if (!seen.insert({r, r}).second) {
              error(pp, "region " + quote(s_.issues[static_cast<std::size_t>(r)].id) + " is listed alone twice; list it once");
            }
            on_map[static_cast<std::size_t>(r)] = true;
          } else {
            note_broken(pair.items()[0]);
          }
          continue;
        }
        if (!pair.is_array() || pair.items().size() != 2) {
          error(pp, "expected a pair [\"r1\", \"r2\"] of region ids (or [\"r5\"] for a region with no neighbours), found " +
                        (pair.is_array() ? "an array of " + std::to_string(pair.items().size()) : found_text(pair)));
          // The regions it names are on the map, even if the entry is malformed.
          for (const Value& end : pair.items()) {
            if (auto it = issue_ids_.find(end.is_string() ? end.text() : ""); it != issue_ids_.end()) {
              on_map[static_cast<std::size_t>(it->second)] = true;
            }
          }
          continue;
        }
        int ends[2] = {-1, -1};
        for (std::size_t e = 0; e < 2; ++e) {
          std::string ep = pointer_join(pp, e);
          int r = issue_ref(pair.items()[e], ep);
          if (r >= 0 && kind_is(r, {IssueKind::region}, ep, "each end of a map link")) ends[e] = r;
        }
        if (ends[0] < 0 || ends[1] < 0) {
          for (std::size_t e = 0; e < 2; ++e) {
            if (ends[e] < 0) {
              note_broken(pair.items()[e]);
            } else {
              on_map[static_cast<std::size_t>(ends[e])] = true;
            }
          }
          continue;
        }
        if (ends[0] == ends[1]) {
          error(pp, "links region " + quote(s_.issues[static_cast<std::size_t>(ends[0])].id) +
                        " to itself; a link joins two different regions");
          on_map[static_cast<std::size_t>(ends[0])] = true;  // it is on the map, with a bad link
          continue;
        }
        auto key = std::minmax(ends[0], ends[1]);
        if (!seen.insert(key).second) {
          error(pp, "duplicate link between " + quote(s_.issues[static_cast<std::size_t>(ends[0])].id) + " and " +
                        quote(s_.issues[static_cast<std::size_t>(ends[1])].id) + "; list each link once");
          continue;
        }
        on_map[static_cast<std::size_t>(ends[0])] = on_map[static_cast<std::size_t>(ends[1])] = true;
        map.adjacency.emplace_back(ends[0], ends[1]);
      }
    }
    auto meant_by_a_broken_link = [&](const std::string& id) {
      return std::any_of(broken_names.begin(), broken_names.end(),
                         [&](const std::string& name) { return name == id || closest(name, {id}); });
    };
    for (int r : regions) {
      const std::string& id = s_.issues[static_cast<std::size_t>(r)].id;
      if (!geojson && !on_map[static_cast<std::size_t>(r)] && !meant_by_a_broken_link(id)) {
        error(ap, "region " + quote(s_.issues[static_cast<std::size_t>(r)].id) + " (/issues/" + std::to_string(r) +
                      ") is not on the map; every region must appear in an adjacency pair, or alone as [\"" +
                      s_.issues[static_cast<std::size_t>(r)].id + "\"] when it has no neighbours");
      }
    }
  } else if (!regions.empty() && !geojson && !misspelled_.count({v, "adjacency"})) {
    error(pointer_join(ptr, "adjacency"), "missing required key \"adjacency\" in the map");
  }
  if (geojson) {
    // The listed links are kept as written (the writer writes them back) and
    // added to the computed borders, once each.
    map.listed = std::move(map.adjacency);
    map.adjacency = std::move(computed_links_);
    std::set<std::pair<int, int>> have;
    for (auto [a, b] : map.adjacency) have.insert(std::minmax(a, b));
    for (auto [a, b] : map.listed) {
      if (have.insert(std::minmax(a, b)).second) map.adjacency.emplace_back(a, b);
    }
  }
  s_.map = std::move(map);
}

// A GeoJSON map, from a file the loader gives ("geojson": a path) or written
// in the scenario ("geojson_data": the FeatureCollection itself): check its
// features, and link the region issues whose borders share a line
// (geo::shared_borders). Features whose id is not an issue are background:
// drawn, never owned, and never linked, so two regions never become
// neighbours through one.
void Reader::read_geojson(const Value& map_value, const std::string& ptr, Map& map, std::vector<bool>& on_map) {
  const Value* path = map_value.find("geojson");
  const Value* data = map_value.find("geojson_data");
  const std::string form = path ? "geojson" : "geojson_data";
  const std::string gp = pointer_join(ptr, form);
  std::optional<std::string> file;
  if (path) {
    file = string(*path, gp);
    if (file && file->empty()) {
      error(gp, "expected the path of a GeoJSON file (relative to the scenario file), found an empty string");
      file.reset();
    }
  }
  const Value* key = map_value.find("region_key");
  if (!key) {
    error(pointer_join(ptr, "region_key"),
          "missing required key \"region_key\" in the map: with \"" + form + "\", it names the feature property "
          "that holds each region's id, as in \"region_key\": \"id\"");
  }
  std::optional<std::string> region_key = key ? string(*key, pointer_join(ptr, "region_key")) : std::nullopt;
  if (region_key && region_key->empty()) {
    error(pointer_join(ptr, "region_key"), "expected the name of a feature property, found an empty string");
    region_key.reset();
  }
  if (file) map.geojson = *file;
  map.geojson_inline = data != nullptr;
  if (region_key) map.region_key = *region_key;
  if ((path && !file) || !region_key) return;

  std::string in;    // the file the GeoJSON's diagnostics are in; empty: the scenario itself
  std::string base;  // what their pointers start with: "" in a file of its own, /map/geojson_data inline
  std::optional<Value> parsed;  // the file's document
  const Value* collection = data;
  if (path) {
    // The loader resolves the path (files_beside: relative to the scenario
    // file's directory), or refuses it (no_files: a server).
    Result<LoadedFile> loaded = loader_ ? loader_(*file) : no_files()(*file);
    if (!loaded) {
      const Failure& f = loaded.failure();
      for (const Diagnostic& d : f.diagnostics) {
        if (f.kind == FailureKind::invalid_input) {
          error(d.pointer, d.message, d.source.empty() ? f.source : d.source);
        } else {
          error(gp, d.message);
        }
      }
      return;
    }
    in = loaded.value().name;
    map.geojson_file = in;
    Result<Value> doc = json::parse(loaded.value().text, in);
    if (!doc) {
      for (const Diagnostic& d : doc.errors()) error(d.pointer, without_quoted_text(d.message), in);
      return;
    }
    parsed = std::move(doc).value();
    collection = &*parsed;
  } else {
    base = gp;
  }
  Result<std::vector<geo::GeoFeature>> read = geo::read_features(*collection, path ? in : source_, *region_key);
  if (!read) {
    for (const Diagnostic& d : read.errors()) error(base + d.pointer, d.message, in);
    return;
  }
  std::vector<MapFeature> regions;  // the features that are region issues, in file order
  std::vector<std::string> region_pointers;  // each one's place in the file
  std::vector<std::string> feature_ids;
  for (const geo::GeoFeature& f : read.value()) {
    MapFeature feature = f.feature;
    feature_ids.push_back(feature.id);
    if (auto it = issue_ids_.find(feature.id); it != issue_ids_.end() && usable_[static_cast<std::size_t>(it->second)]) {
      const Issue& is = s_.issues[static_cast<std::size_t>(it->second)];
      if (is.kind != IssueKind::region) {
        error(base + pointer_join(pointer_join(f.pointer, "properties"), *region_key),
              "feature " + quote_short(feature.id) + " names issue /issues/" + std::to_string(it->second) +
                  ", which is of kind " + std::string(kind_name(is.kind)) +
                  "; map features name region issues (features with other ids are drawn as background)",
              in);
      } else if (f.invalid) {
        error(base + f.invalid->pointer, f.invalid->message, in);
      } else {
        feature.issue = it->second;
        on_map[static_cast<std::size_t>(it->second)] = true;
        regions.push_back(feature);
        region_pointers.push_back(base + f.pointer);
      }
    }
    map.features.push_back(std::move(feature));
  }
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (!usable_[i] || s_.issues[i].kind != IssueKind::region || on_map[i]) continue;
    if (std::find(feature_ids.begin(), feature_ids.end(), s_.issues[i].id) != feature_ids.end()) continue;  // reported
    error(pointer_join(pointer_join("/issues", i), "id"),
          "region " + quote(s_.issues[i].id) + " is not on the map: no feature of " +
              (file ? quote_short(*file) : std::string("the map's \"geojson_data\"")) +
              " has " + quote_short(*region_key) + ": " + quote(s_.issues[i].id) +
              suggest(s_.issues[i].id, feature_ids, "its features' ids include"));
  }
  // The tolerance comes from the whole map, so that which features are
  // issues does not change whether two of them share a border.
  const geo::BorderTolerance tolerance = geo::border_tolerance(map.features);
  const geo::MapTopology topology = geo::map_topology(regions, tolerance);
  auto region = [&](int k) {
    return "region " + quote(regions[static_cast<std::size_t>(k)].id) + " (" +
           region_pointers[static_cast<std::size_t>(k)] + ")";
  };
  auto place = [&](int k) { return pointer_join(region_pointers[static_cast<std::size_t>(k)], "geometry"); };
  // Regions divide land: one nested in another, or two that overlap, would
  // leave land owned twice and make a region "not adjacent" to the one
  // around it.
  for (const geo::Overlap& o : topology.overlaps) {
    error(place(o.a),
          region(o.a) + " and " + region(o.b) + " overlap: " + geo::overlap_text(o) +
              "; regions may share borders but not land (an enclave is a hole in the polygon of the region around "
              "it)",
          in);
  }
  for (const geo::GeometryFailure& f : topology.failures) {
    error(place(f.a),
          "cannot tell whether " + region(f.a) + " and " + region(f.b) + " overlap: the geometry library failed (" +
              f.message + ")",
          in);
  }
  if (topology.too_intricate) error(base + "/features", geo::too_intricate_text(*topology.too_intricate), in);
  for (auto [a, b] : topology.borders) {
    computed_links_.push_back(std::minmax(regions[static_cast<std::size_t>(a)].issue, regions[static_cast<std::size_t>(b)].issue));
  }
  std::sort(computed_links_.begin(), computed_links_.end());  // in issue order, whatever the file's order
}

}  // namespace parley::io_internal
