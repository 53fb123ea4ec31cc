// Parts of the program loaded only when a command needs them (the HTTP
// server, the PostgreSQL backend), so that their libraries cost nothing to
// the commands that never use them (issue 19: most of a small command's
// start-up went to binding libraries it did not call).
//
//   std::string why;
//   void* entry = load_module_entry("libparley_serve.so", "PARLEY_SERVE_MODULE", "parley_run_serve", &why);
//   if (entry == nullptr) report(why);
//
// Where: the file named by the environment variable when it is set; else
// beside the file holding this code (the parley binary, the tests) or one
// folder up (the Python module, in build/python); else the dynamic loader's
// own search. A module is never unloaded: what it creates lives as long as
// the program.
#pragma once

#include <string>

namespace parley {

// The address of `symbol` in the module, or nullptr with the reason in *why.
void* load_module_entry(const char* file_name, const char* environment_variable, const char* symbol, std::string* why);

}  // namespace parley
