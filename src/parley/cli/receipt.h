// Receipts "SEQ:HASH" as `parley audit --head` takes them: read here, in
// the program, for the command line's checks; the audit itself runs in the
// serve module (serve_loader.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace parley::cli {

// A receipt's parts, as room::Receipt holds them (the program does not link
// the rooms).
struct ReceiptText {
  std::int64_t seq = 0;
  std::string hash;  // 64 lowercase hex digits
};
std::optional<ReceiptText> parse_receipt(const std::string& text);

}  // namespace parley::cli
