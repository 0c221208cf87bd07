#include "ckptcheck/report/baseline.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fingerprint.h"

namespace ckptcheck {
namespace {

using ordered_json = nlohmann::ordered_json;
using nlohmann::json;

}  // namespace

std::vector<BaselineEntry> baseline_entries(const Report& report) {
  std::vector<BaselineEntry> entries;
  for (const Diagnostic& f : report.findings)
    entries.push_back(
        {finding_fingerprint(f), std::string(rule_info(f.rule).code), f.key, f.checkpoint, f.message, report.root});
  return entries;
}

std::string baseline_text(const std::vector<BaselineEntry>& entries, std::string_view made_by) {
  std::ostringstream out;
  out << "{\"schema\":" << json(kBaselineSchema).dump() << ",\n \"made_by\":" << json(std::string(made_by)).dump()
      << ",\n \"findings\":[";
  for (size_t i = 0; i < entries.size(); ++i) {
    const BaselineEntry& e = entries[i];
    ordered_json entry = {{"fingerprint", e.fingerprint}, {"rule", e.rule},       {"key", e.key},
                          {"checkpoint", e.checkpoint},   {"message", e.message}, {"root", e.root}};
    out << (i ? ",\n  " : "\n  ") << entry.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  }
  out << "]}\n";
  return out.str();
}

Baseline parse_baseline(std::string_view text, const std::string& name) {
  auto fail = [&](const std::string& at, const std::string& what) -> BaselineError {
    return BaselineError(name + ": " + (at.empty() ? "" : at + ": ") + what);
  };
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw fail("", "not valid JSON");
  if (!doc.is_object() || doc.value("schema", json()) != kBaselineSchema)
    throw fail("", std::string("not a baseline (expected \"schema\": \"") + kBaselineSchema + "\")");
  if (!doc.contains("findings") || !doc.at("findings").is_array()) throw fail("findings", "expected an array");
  Baseline baseline;
  baseline.file = name;
  const json& findings = doc.at("findings");
  for (size_t i = 0; i < findings.size(); ++i) {
    std::string at = "findings[" + std::to_string(i) + "]";
    const json& f = findings[i];
    if (!f.is_object()) throw fail(at, "expected an object");
    BaselineEntry entry;
    for (auto [field, target] : {std::pair{"fingerprint", &entry.fingerprint}, std::pair{"rule", &entry.rule},
                                 std::pair{"key", &entry.key}, std::pair{"checkpoint", &entry.checkpoint},
                                 std::pair{"message", &entry.message}, std::pair{"root", &entry.root}}) {
      if (!f.contains(field) || !f.at(field).is_string()) throw fail(at + "." + field, "expected a string");
      *target = f.at(field).get<std::string>();
    }
    if (entry.fingerprint.size() != 16 || entry.fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw fail(at + ".fingerprint", "expected 16 hex digits");
    baseline.entries.push_back(std::move(entry));
  }
  return baseline;
}

Baseline read_baseline(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw BaselineError(file.string() + ": cannot read the baseline file (write it with --write-baseline)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_baseline(text.str(), file.string());
}

void apply_baseline(const Baseline& baseline, Report& report) {
  // An entry is this run's when it is about one of its checkpoints, or about
  // its model when it names no checkpoint; only those can be fixed here.
  std::set<std::string> checked;
  for (const CheckedFile& file : report.checkpoints) checked.insert(file.file);
  auto ours = [&](const BaselineEntry& e) {
    return e.checkpoint.empty() ? e.root == report.root : checked.count(e.checkpoint) > 0;
  };
  // Each fingerprint's unmatched entries, this run's first, so that a finding
  // matches its own entry before a look-alike of another model.
  std::map<std::string, std::vector<size_t>> unmatched;
  for (size_t i = 0; i < baseline.entries.size(); ++i) unmatched[baseline.entries[i].fingerprint].push_back(i);
  for (auto& [fingerprint, entries] : unmatched)
    std::stable_partition(entries.begin(), entries.end(), [&](size_t i) { return ours(baseline.entries[i]); });
  std::vector<bool> matched(baseline.entries.size(), false);
  Report::BaselineCounts counts{baseline.file, 0, 0};
  std::vector<Diagnostic> kept;
  for (Diagnostic& f : report.findings) {
    auto it = unmatched.find(finding_fingerprint(f));
    if (it != unmatched.end() && !it->second.empty()) {
      matched[it->second.front()] = true;
      it->second.erase(it->second.begin());
      ++counts.matched;
      continue;
    }
    kept.push_back(std::move(f));
  }
  for (size_t i = 0; i < baseline.entries.size(); ++i) counts.fixed += !matched[i] && ours(baseline.entries[i]);
  report.findings = std::move(kept);
  report.baseline = std::move(counts);
}

}  // namespace ckptcheck
