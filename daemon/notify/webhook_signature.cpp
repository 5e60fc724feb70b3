#include "notify/webhook_signature.hpp"

#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace carewatch::notify {

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

std::string webhook_signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string signed_bytes;
  signed_bytes.reserve(timestamp.size() + 1 + body.size());
  signed_bytes.append(timestamp).append(".").append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // HMAC() is the one-shot form: no context to leak on an early return.
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(signed_bytes.data()), signed_bytes.size(), digest,
           &length) == nullptr)
    throw std::runtime_error("HMAC-SHA256 failed");
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace carewatch::notify
