#include "sha256.h"

#include <fstream>

namespace ckptcheck {

Sha256::Sha256() : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
  EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
}

Sha256& Sha256::add(const std::string& bytes) {
  std::string length = std::to_string(bytes.size()) + ":";
  EVP_DigestUpdate(context_.get(), length.data(), length.size());
  EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size());
  return *this;
}

void Sha256::add_raw(const char* bytes, size_t size) { EVP_DigestUpdate(context_.get(), bytes, size); }

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(context_.get(), digest, &size);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += digits[digest[i] >> 4];
    out += digits[digest[i] & 15];
  }
  return out;
}

std::optional<std::string> file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 sha;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    sha.add_raw(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return sha.hex();
}

}  // namespace ckptcheck
