// The few cryptographic operations the rooms need, over OpenSSL (the only
// header that names it is crypto.cpp).
//
//   std::string token = room::random_token();          // 64 hex digits: 256 random bits
//   std::string stored = room::sha256_hex(token);       // what the database keeps
//   if (room::constant_time_equal(room::sha256_hex(given), stored)) ...
#pragma once

#include <string>
#include <string_view>

namespace parley::room {

// SHA-256 of the bytes, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// 32 bytes from OpenSSL's CSPRNG, as 64 lowercase hex digits. Throws
// std::runtime_error when the generator cannot be seeded (never a weak token).
std::string random_token();

// 16 bytes from the same generator, as 32 lowercase hex digits: the log's
// per-entry nonce (log.h), enough that nobody can enumerate it to confirm a
// guess at a hidden detail.
std::string random_nonce();

// Equal strings, in a time that depends only on the lengths (not on where
// they first differ), so that comparing token hashes reveals nothing.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace parley::room
