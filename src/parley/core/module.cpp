#include "parley/core/module.h"

#include <dlfcn.h>

#include <cstdlib>
#include <vector>

namespace parley {

namespace {

std::string folder_of_this_code() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&folder_of_this_code), &info) == 0 || info.dli_fname == nullptr) return "";
  const std::string file = info.dli_fname;
  const std::size_t slash = file.rfind('/');
  return slash == std::string::npos ? "" : file.substr(0, slash + 1);
}

}  // namespace

void* load_module_entry(const char* file_name, const char* environment_variable, const char* symbol, std::string* why) {
  std::vector<std::string> candidates;
  if (const char* named = std::getenv(environment_variable); named != nullptr && *named != '\0') {
    candidates.emplace_back(named);
  } else {
    const std::string here = folder_of_this_code();
    if (!here.empty()) {
      candidates.push_back(here + file_name);
      candidates.push_back(here + "../" + file_name);
    }
    candidates.emplace_back(file_name);
  }
  std::string first_error;
  for (const std::string& path : candidates) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      if (first_error.empty()) first_error = dlerror();
      continue;
    }
    if (void* entry = dlsym(handle, symbol)) return entry;
    first_error = path + " has no entry point " + symbol;
  }
  if (why != nullptr) *why = first_error;
  return nullptr;
}

}  // namespace parley
