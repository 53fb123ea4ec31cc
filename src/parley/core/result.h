// Result<T>: a value or the problems that prevented it.
//
//   Result<Scenario> r = read_scenario_file("dispute.json");
//   if (!r) { for (const Diagnostic& d : r.errors()) print(d); return 2; }
//   const Scenario& s = r.value();
//
// Expected failures (bad input, missing files) travel as values through library
// boundaries; exceptions stay inside a component and are converted at its edge.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace parley {

// One problem in an input, located by a JSON Pointer (RFC 6901) into that input.
// An empty pointer means the document as a whole.
struct Diagnostic {
  std::string pointer;
  std::string message;
  // The input the pointer is in when that is not the failure's own source: a
  // GeoJSON map read for a scenario. Empty means the failure's source.
  std::string source;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Why a call failed: the input is invalid (every problem listed, each located in
// the input), the input could not be read at all (missing file, I/O error),
// the input is valid but the command cannot handle it (a method for two parties
// given five, a space too large for the exact method): exit 1, not 2; or an
// answer failed parley's own verification (a bug in parley, never in the
// input: the message names the failed check; exit 4).
enum class FailureKind { invalid_input, unreadable, unsupported, internal };

// The problems found in one input, with the input's name (usually its path).
struct Failure {
  std::string source;
  std::vector<Diagnostic> diagnostics;
  FailureKind kind = FailureKind::invalid_input;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure failure) : state_(std::move(failure)) {  // NOLINT
    assert(!std::get<Failure>(state_).diagnostics.empty());
  }

  static Result fail(std::string source, std::string pointer, std::string message) {
    return Failure{std::move(source), {Diagnostic{std::move(pointer), std::move(message)}}};
  }

  explicit operator bool() const { return std::holds_alternative<T>(state_); }
  bool ok() const { return std::holds_alternative<T>(state_); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }

  const Failure& failure() const { return std::get<Failure>(state_); }
  const std::vector<Diagnostic>& errors() const { return failure().diagnostics; }

 private:
  std::variant<T, Failure> state_;
};

}  // namespace parley
