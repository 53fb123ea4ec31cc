#include "parley/cli/receipt.h"

#include <cctype>

#include "parley/cli/commands.h"

namespace parley::cli {

// "SEQ:HASH" as a receipt; the hash in lowercase (hex digits in either case name the same hash).
std::optional<ReceiptText> parse_receipt(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 18) return std::nullopt;
  const std::string seq = text.substr(0, colon);
  std::string hash = text.substr(colon + 1);
  if (seq.find_first_not_of("0123456789") != std::string::npos || hash.size() != 64 ||
      hash.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    return std::nullopt;
  }
  for (char& c : hash) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::int64_t n = std::stoll(seq);
  if (n < 1) return std::nullopt;
  return ReceiptText{n, hash};
}

std::string head_problem(const std::string& text) {
  if (parse_receipt(text)) return "";
  return "'" + text + "' is not a receipt SEQ:HASH (an entry number from 1, a colon, the entry's 64 hex digit hash)";
}

}  // namespace parley::cli
