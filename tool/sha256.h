// SHA-256 (OpenSSL's libcrypto) for the analysis cache's keys and for the
// checkpoint a manifest describes.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <openssl/evp.h>

namespace ckptcheck {

class Sha256 {
 public:
  Sha256();
  // Adds one length-prefixed part, so that ("ab", "c") and ("a", "bc") differ.
  Sha256& add(const std::string& bytes);
  void add_raw(const char* bytes, size_t size);
  std::string hex();  // the digest in lowercase hex; ends the hash

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context_;
};

// The file's SHA-256, read in 64 KiB pieces; none when it cannot be read.
std::optional<std::string> file_sha256(const std::string& path);

}  // namespace ckptcheck
