// The one record every stage raises: the reader about a file, the analyzer
// about the model, the matcher about the two together. Renderers print it; the
// configuration changes its severity or drops it.
//
// Glossary
//   key          the entry it is about, in the code's spelling ("fc1.weight");
//                a repeated layer's findings are folded into one with a range
//                ("layers.{0..11}.attn.weight"); "" for a whole file or model
//   location     the primary place: the model source line that registers the
//                entry, or where the analyzer stopped
//   notes        the other side: what the checkpoint holds and where, what the
//                runtime loader would do with it
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ckptcheck/rules/catalog.h"

namespace ckptcheck {

struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  bool operator==(const Location&) const = default;
};

struct Diagnostic {
  RuleId rule{};
  Severity severity = Severity::Error;
  std::string checkpoint;            // the file, as given on the command line; "" when it is about the model
  // The other checkpoints with this same finding: when several are checked, a
  // breakage at one code location is one finding (merge_across_checkpoints).
  std::vector<std::string> also_in;
  std::string key;                   // see the glossary
  std::string message;               // one sentence, lowercase start, no trailing period
  std::optional<Location> location;  // model source
  std::vector<std::string> notes;    // further lines, each a sentence without trailing period
  std::string fix;                   // what to change, one sentence; "" when there is nothing to suggest
  // Both sides, as report/v1 gives them: shapes as arrays (integers, or strings
  // for expressions), dtypes and names as strings; null when not applicable.
  nlohmann::json expected;
  nlohmann::json actual;
  // Every entry the diagnostic stands for, when that is more than `key`: the
  // layers of a folded finding, the keys a prefix or rename explains (in both
  // spellings), the entries a contradicted default reshapes.
  std::vector<std::string> keys;
  // CK303/CK304: the rewrites that make the checkpoint's keys the code's,
  // checkpoint key or prefix -> the code's, ready for "renames" in .ckptcheck.json.
  std::vector<std::pair<std::string, std::string>> renames;

  // The builder. A diagnostic of `rule` at the catalog's default severity:
  //   Diagnostic::of(RuleId::CorruptEntry, "...").in(file).with_severity(Severity::Info)
  static Diagnostic of(RuleId rule, std::string message, std::optional<Location> location = std::nullopt);
  // About this checkpoint file.
  Diagnostic&& in(std::string file) && {
    checkpoint = std::move(file);
    return std::move(*this);
  }
  Diagnostic&& with_severity(Severity s) && {
    severity = s;
    return std::move(*this);
  }
  bool operator==(const Diagnostic&) const = default;
};

}  // namespace ckptcheck
