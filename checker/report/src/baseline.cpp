#include "ckptcheck/report/baseline.h"

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fingerprint.h"

namespace ckptcheck {
namespace {

using ordered_json = nlohmann::ordered_json;
using nlohmann::json;

}  // namespace

std::string baseline_text(const Report& report, std::string_view made_by) {
  std::ostringstream out;
  out << "{\"schema\":" << json(kBaselineSchema).dump() << ",\n \"made_by\":" << json(std::string(made_by)).dump()
      << ",\n \"findings\":[";
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Diagnostic& f = report.findings[i];
    // One finding per line, so that a diff of the baseline reads finding by finding.
    ordered_json entry = {{"fingerprint", finding_fingerprint(f)},
                          {"rule", rule_info(f.rule).code},
                          {"key", f.key},
                          {"checkpoint", f.checkpoint},
                          {"message", f.message}};
    out << (i ? ",\n  " : "\n  ") << entry.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  }
  out << "]}\n";
  return out.str();
}

Baseline read_baseline(const std::filesystem::path& file) {
  auto fail = [&](const std::string& at, const std::string& what) -> BaselineError {
    return BaselineError(file.string() + ": " + (at.empty() ? "" : at + ": ") + what);
  };
  std::ifstream in(file, std::ios::binary);
  if (!in) throw fail("", "cannot read the baseline file (write it with --write-baseline)");
  json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw fail("", "not valid JSON");
  if (!doc.is_object() || doc.value("schema", json()) != kBaselineSchema)
    throw fail("", std::string("not a baseline (expected \"schema\": \"") + kBaselineSchema + "\")");
  if (!doc.contains("findings") || !doc.at("findings").is_array()) throw fail("findings", "expected an array");
  Baseline baseline;
  baseline.file = file.string();
  const json& findings = doc.at("findings");
  for (size_t i = 0; i < findings.size(); ++i) {
    std::string at = "findings[" + std::to_string(i) + "]";
    const json& f = findings[i];
    if (!f.is_object()) throw fail(at, "expected an object");
    BaselineEntry entry;
    for (auto [name, target] :
         {std::pair{"fingerprint", &entry.fingerprint}, std::pair{"rule", &entry.rule}, std::pair{"key", &entry.key},
          std::pair{"checkpoint", &entry.checkpoint}, std::pair{"message", &entry.message}}) {
      if (!f.contains(name) || !f.at(name).is_string()) throw fail(at + "." + name, "expected a string");
      *target = f.at(name).get<std::string>();
    }
    if (entry.fingerprint.size() != 16 || entry.fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw fail(at + ".fingerprint", "expected 16 hex digits");
    baseline.entries.push_back(std::move(entry));
  }
  return baseline;
}

void apply_baseline(const Baseline& baseline, Report& report) {
  std::map<std::string, size_t> remaining;
  for (const BaselineEntry& e : baseline.entries) ++remaining[e.fingerprint];
  Report::BaselineCounts counts{baseline.file, 0, 0};
  std::vector<Diagnostic> kept;
  for (Diagnostic& f : report.findings) {
    auto it = remaining.find(finding_fingerprint(f));
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      ++counts.matched;
      continue;
    }
    kept.push_back(std::move(f));
  }
  for (const auto& [fingerprint, left] : remaining) counts.fixed += left;
  report.findings = std::move(kept);
  report.baseline = std::move(counts);
}

}  // namespace ckptcheck
