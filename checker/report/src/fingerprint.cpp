#include "fingerprint.h"

#include <cstdint>
#include <cstdio>
#include <string_view>

namespace ckptcheck {

// FNV-1a, 64 bit. The fingerprint is an identifier, not a security measure,
// so a short non-cryptographic hash does; what it must be is stable.
std::string finding_fingerprint(const Diagnostic& f) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xFF;  // a separator no UTF-8 text contains, so ("ab","c") != ("a","bc")
    h *= 1099511628211ull;
  };
  mix(rule_info(f.rule).code);
  mix(f.key);
  mix(f.checkpoint);
  // A finding about the model alone (CK5xx) names the file it is in, so that
  // two models' findings of one rule stay apart.
  if (f.checkpoint.empty() && f.location) mix(f.location->file);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace ckptcheck
