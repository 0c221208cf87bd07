// Pairs entries the code creates but the checkpoint lacks with entries the
// checkpoint has but the code does not create, when the evidence says they
// are one thing renamed: a whole module whose entries have the same names,
// shapes and dtypes (paired in registration order when several look alike,
// which also covers Python's nested nn.Sequential numbered differently from
// the C++ port), else single entries with the same shape and dtype and
// similar names. Pairs are reported as rules on key prefixes, so a subtree
// moved is one rename, not one per tensor.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ckptcheck {

struct RenameSide {
  std::string name;
  std::vector<int64_t> shape;  // -1 for a dimension the code's side does not know
  std::string dtype;
};

struct RenamePair {
  size_t missing;     // index into the missing list (the code's entry)
  size_t unexpected;  // index into the unexpected list (the checkpoint's)
};

struct RenameRule {
  std::string from;  // checkpoint key or prefix ("features.0.0.")
  std::string to;    // the code's ("features.0.")
  std::vector<RenamePair> pairs;
};

std::vector<RenameRule> find_renames(const std::vector<RenameSide>& missing, const std::vector<RenameSide>& unexpected);

}  // namespace ckptcheck
