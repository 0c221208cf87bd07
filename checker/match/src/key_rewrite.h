// Rewrites of checkpoint keys before they are compared with the code's names:
// a prefix a wrapper added ("module." from DataParallel, "_orig_mod." from
// torch.compile, "model." from a Lightning module), one segment inserted in
// the middle ("encoder.module.fc.weight"), a known rename from the
// configuration. Each is one rule `from` -> `to` on the start of a key, so
// a finding can state it once instead of listing every key it explains.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ckptcheck {

struct KeyRewrite {
  std::string from;  // a key prefix in the checkpoint ("module.", "encoder.module.", "")
  std::string to;    // what the code has there ("", "encoder.", "model.")
  size_t keys = 0;   // how many keys it explained when it was found
};

// `key` rewritten by `r`, when it applies.
bool apply_rewrite(const KeyRewrite& r, std::string& key);

// Finds the rewrites that make most of the keys `fits` rejects fit, best
// first, at most a few deep (nested wrappers). `code_names` are the code's
// concrete names, for the reverse case: the code has a prefix the file lacks.
std::vector<KeyRewrite> detect_key_rewrites(std::vector<std::string> keys,
                                            const std::function<bool(std::string_view)>& fits,
                                            const std::vector<std::string>& code_names);

}  // namespace ckptcheck
