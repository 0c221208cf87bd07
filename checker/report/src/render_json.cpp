// The "ckptcheck/report/v1" JSON: the contract dashboards and scripts read.
// schemas/report-v1.schema.json describes it; change both together.
#include "ckptcheck/report/render.h"
#include "ckptcheck/rules/diagnostic_json.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

// "" in the Report means "not applicable"; JSON says so with null.
json string_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json symbols_json(const std::vector<SymbolValue>& symbols) {
  json details = json::array();
  for (const SymbolValue& s : symbols)
    details.push_back({{"name", s.name},
                       {"value", s.value ? json(*s.value) : json(nullptr)},
                       {"origin", string_or_null(s.origin)},
                       {"default", s.default_text ? json(*s.default_text) : json(nullptr)}});
  return details;
}

json load_state_dict_json(const LoadStateDictVerdict& v) {
  return {{"strict", v.strict},         {"outcome", v.raises ? "raises" : "loads"}, {"missing", v.missing},
          {"unexpected", v.unexpected}, {"size_mismatch", v.size_mismatch},         {"cast", v.cast}};
}

json verdict_json(const TorchLoadVerdict& v) {
  if (v.throws)
    return {{"outcome", "throws"}, {"error", string_or_null(v.error)}, {"at", v.at}, {"could_throw", v.could_throw}};
  return {{"outcome", "loads"}, {"resized", v.resized}, {"corrupted", v.corrupted}};
}

json checkpoint_json(const CheckedFile& f) {
  json loaders = json::array();
  for (const LoaderSupport& l : f.loaders) {
    json row = {{"loader", l.loader}, {"reads", l.reads}, {"note", string_or_null(l.note)}};
    if (l.with_model) row["with_model"] = verdict_json(*l.with_model);
    loaders.push_back(std::move(row));
  }
  json load_state_dict = json::array();
  for (const LoadStateDictVerdict& v : f.load_state_dict) load_state_dict.push_back(load_state_dict_json(v));
  json stand_in = nullptr;
  if (f.stand_in)
    stand_in = {{"kind", f.stand_in->kind},
                {"of", string_or_null(f.stand_in->of)},
                {"size", f.stand_in->size ? json(*f.stand_in->size) : json(nullptr)},
                {"sha256", string_or_null(f.stand_in->sha256)}};
  return {{"file", f.file},
          {"stand_in", stand_in},
          {"format", string_or_null(f.format)},
          {"content", string_or_null(f.content)},
          {"state_dict_key", f.state_dict_key},
          {"entries", f.entries},
          {"loaders", loaders},
          {"load_state_dict", load_state_dict},
          {"symbols", symbols_json(f.symbols)}};
}

}  // namespace

json report_json(const Report& report) {
  SeverityCounts c = count_severities(report);
  // `symbols` is the short form (known values only, schemas/report-v1.schema.json);
  // `symbol_details` says where each value came from.
  json symbols = json::object();
  for (const SymbolValue& s : report.symbols)
    if (s.value) symbols[s.name] = *s.value;
  json details = symbols_json(report.symbols);
  json checkpoints = json::array();
  for (const CheckedFile& f : report.checkpoints) checkpoints.push_back(checkpoint_json(f));
  json findings = json::array();
  for (const Diagnostic& f : report.findings) findings.push_back(diagnostic_json(f));
  json baseline = nullptr;
  if (report.baseline)
    baseline = {
        {"file", report.baseline->file}, {"matched", report.baseline->matched}, {"fixed", report.baseline->fixed}};
  return {{"schema", kReportSchema},
          {"ok", c.error == 0},
          {"summary",
           {{"error", c.error},
            {"warning", c.warning},
            {"info", c.info},
            {"suppressed", report.suppressed},
            {"baseline", baseline}}},
          {"symbols", symbols},
          {"symbol_details", details},
          {"checkpoints", checkpoints},
          {"models", report.models},
          {"root", string_or_null(report.root)},
          {"findings", findings}};
}

void render_json(std::ostream& out, const Report& report) {
  // Keys and messages come from untrusted files and may not be UTF-8; replace
  // bad bytes with U+FFFD rather than throw halfway through the output.
  out << report_json(report).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace ckptcheck
