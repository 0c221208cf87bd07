#include "CK303_key_prefix.h"

#include <map>

namespace ckptcheck {
namespace {

// Wrappers that add a key prefix, and what they are, for the message.
std::string wrapper_hint(const std::string& segments) {
  static const std::map<std::string, std::string> kWrappers = {
      {"module", "DataParallel or DistributedDataParallel"},
      {"_orig_mod", "torch.compile"},
      {"model", "a wrapper holding it as an attribute, such as a Lightning module"},
  };
  std::string found;
  size_t start = 0;
  for (size_t dot = segments.find('.'); dot != std::string::npos; start = dot + 1, dot = segments.find('.', start))
    if (auto it = kWrappers.find(segments.substr(start, dot - start)); it != kWrappers.end())
      found += (found.empty() ? "" : ", inside ") + it->second;
  return found.empty() ? "" : " (the model was saved wrapped: " + found + ")";
}

}  // namespace

Diagnostic to_finding(KeyPrefix fact, const FindingContext& ctx) {
  const KeyRewrite& r = fact.rewrite;
  Diagnostic f = ctx.start(RuleId::KeyPrefix);
  std::string applied = std::to_string(fact.applied);
  if (r.to.empty()) {
    f.message = applied + " checkpoint keys start with " + in_quotes(r.from) + ", which the code's names do not have" +
                wrapper_hint(r.from);
    f.fix = "strip it: --strip-prefix " + r.from +
            " (or \"strip_prefix\" in .ckptcheck.json), or save the unwrapped model's state dict";
  } else if (r.from.empty()) {
    f.message =
        "the code's names start with " + in_quotes(r.to) + ", which the checkpoint's " + applied + " keys do not have";
    f.fix = "add it: --add-prefix " + r.to + " (or \"add_prefix\" in .ckptcheck.json)";
  } else {
    f.message = applied + " checkpoint keys start with " + in_quotes(r.from) + " where the code has " +
                in_quotes(r.to) + wrapper_hint(r.from.substr(r.to.size()));
    f.fix = "rename it in .ckptcheck.json: \"renames\": {\"" + r.from + "\": \"" + r.to + "\"}";
  }
  f.key = r.from.empty() ? r.to : r.from;
  f.notes = {"until the keys are rewritten, every one of them is missing for the loader"};
  f.expected = r.to;
  f.actual = r.from;
  f.keys = std::move(fact.keys);
  f.renames = {{r.from, r.to}};
  return f;
}

}  // namespace ckptcheck
