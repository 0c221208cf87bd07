#include "project_output.h"

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "ckptcheck/report/baseline.h"
#include "ckptcheck/rules/display.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

const char* status_word(int exit_code) {
  return exit_code == kExitClean ? "ok" : exit_code == kExitFindings ? "broken" : "not checked";
}

// A run's report in `format`: its stdout, or the file it wrote with --write.
const std::string& text_of(const ProjectResult& result, const ModelRun& run, const std::string& format) {
  static const std::string kNone;
  if (format == result.stdout_format) return run.output;
  auto it = run.writes.find(format);
  return it == run.writes.end() ? kNone : it->second;
}

json parsed(const std::string& text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return doc.is_discarded() ? json(nullptr) : doc;
}

// "2 errors, 0 warnings, 1 note in 1 checkpoint", from the run's report/v1.
std::string findings_text(const ModelRun& run) {
  json report = parsed(run.report_json);
  if (!report.is_object()) return "the check could not be done; its errors are above";
  const json& s = report.at("summary");
  auto count = [](const json& n, const char* word) {
    size_t v = n.get<size_t>();
    return std::to_string(v) + ' ' + word + (v == 1 ? "" : "s");
  };
  std::string text = count(s.at("error"), "error") + ", " + count(s.at("warning"), "warning") + ", " +
                     count(s.at("info"), "note") + " in " + count(json(report.at("checkpoints").size()), "checkpoint");
  if (s.at("baseline").is_object())
    text += " (" + std::to_string(s.at("baseline").at("matched").get<size_t>()) + " in the baseline, " +
            std::to_string(s.at("baseline").at("fixed").get<size_t>()) + " fixed since)";
  return text;
}

std::string headline(const ProjectResult& result) {
  std::map<std::string, size_t> by_status;
  for (const ModelRun& run : result.runs) ++by_status[status_word(run.exit_code)];
  std::string text = std::to_string(result.runs.size()) + (result.runs.size() == 1 ? " model" : " models") + " (" +
                     result.config_file + "):";
  bool first = true;
  for (const char* status : {"broken", "not checked", "ok"})
    if (by_status[status]) {
      text += std::string(first ? " " : ", ") + std::to_string(by_status[status]) + ' ' + status;
      first = false;
    }
  return text;
}

void write_text(std::ostream& out, const ProjectResult& result) {
  size_t name_width = 0;
  for (const ModelRun& run : result.runs) name_width = std::max(name_width, run.name.size());
  for (const ModelRun& run : result.runs) {
    out << "== " << terminal_safe(run.name) << " ==\n" << text_of(result, run, "text") << run.errors;
  }
  out << "ckptcheck: " << terminal_safe(headline(result)) << '\n';
  for (const ModelRun& run : result.runs) {
    std::string status = status_word(run.exit_code);
    out << "  " << status << std::string(13 - status.size(), ' ') << terminal_safe(run.name)
        << std::string(name_width + 2 - run.name.size(), ' ') << findings_text(run) << '\n';
  }
}

void write_markdown(std::ostream& out, const ProjectResult& result) {
  out << "## " << (result.exit_code == kExitClean ? "✅" : "❌") << " ckptcheck: " << headline(result) << "\n\n"
      << "| model | result | findings |\n|---|---|---|\n";
  for (const ModelRun& run : result.runs)
    out << "| `" << run.name << "` | " << status_word(run.exit_code) << " | " << findings_text(run) << " |\n";
  for (const ModelRun& run : result.runs) {
    out << "\n### Model `" << run.name << "`\n\n" << text_of(result, run, "markdown");
    if (!run.errors.empty()) out << "\n```\n" << run.errors << "```\n";
  }
}

void write_json(std::ostream& out, const ProjectResult& result) {
  json models = json::array();
  size_t ok = 0, broken = 0, not_checked = 0;
  for (const ModelRun& run : result.runs) {
    (run.exit_code == kExitClean ? ok : run.exit_code == kExitFindings ? broken : not_checked) += 1;
    models.push_back({{"name", run.name},
                      {"exit_code", run.exit_code},
                      {"checkpoints", run.checkpoints},
                      {"report", parsed(text_of(result, run, "json"))},
                      {"errors", run.errors}});
  }
  json doc = {
      {"schema", kProjectSchema},
      {"ok", result.exit_code == kExitClean},
      {"exit_code", result.exit_code},
      {"config", result.config_file},
      {"summary", {{"models", result.runs.size()}, {"ok", ok}, {"broken", broken}, {"not_checked", not_checked}}},
      {"models", models}};
  out << doc.dump(1, ' ', false, json::error_handler_t::replace) << '\n';
}

// Every run's results in one SARIF run: the rules that fired anywhere, in
// catalog order, and each result's ruleIndex pointing into that list. A model
// that could not be checked is a tool execution notification.
void write_sarif(std::ostream& out, const ProjectResult& result) {
  std::map<std::string, json> rules;                  // by id: CK101 < CK201 < ..., the catalog's order
  std::vector<std::pair<json, std::string>> results;  // result, its rule id
  json base = nullptr;
  json notifications = json::array();
  for (const ModelRun& run : result.runs) {
    json log = parsed(text_of(result, run, "sarif"));
    if (!log.is_object() || !log.contains("runs") || log.at("runs").empty()) {
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", "model '" + run.name + "' could not be checked: " + run.errors}}}});
      continue;
    }
    const json& sarif_run = log.at("runs").at(0);
    if (base.is_null()) base = log;
    const json& driver_rules = sarif_run.at("tool").at("driver").at("rules");
    for (const json& rule : driver_rules) rules[rule.at("id").get<std::string>()] = rule;
    for (const json& r : sarif_run.at("results")) results.emplace_back(r, r.at("ruleId").get<std::string>());
  }
  if (base.is_null()) {
    base = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", json::array({{{"tool", {{"driver", {{"name", "ckptcheck"}, {"version", result.version}}}}}}})}};
  }
  json& run = base["runs"][0];
  json rule_list = json::array();
  std::map<std::string, size_t> index;
  for (auto& [id, rule] : rules) {
    index[id] = rule_list.size();
    rule_list.push_back(rule);
  }
  run["tool"]["driver"]["rules"] = rule_list;
  json merged = json::array();
  for (auto& [r, id] : results) {
    r["ruleIndex"] = index.at(id);
    merged.push_back(std::move(r));
  }
  run["results"] = merged;
  run["invocations"] =
      json::array({{{"executionSuccessful", notifications.empty()}, {"toolExecutionNotifications", notifications}}});
  out << base.dump(1, ' ', false, json::error_handler_t::replace) << '\n';
}

// Every run's issues in one array; a model that could not be checked is a
// blocker at the configuration file, so the merge request shows it.
void write_gitlab(std::ostream& out, const ProjectResult& result) {
  json issues = json::array();
  for (const ModelRun& run : result.runs) {
    json part = parsed(text_of(result, run, "gitlab"));
    if (part.is_array())
      for (json& issue : part) issues.push_back(std::move(issue));
    if (run.exit_code == kExitInputError)
      issues.push_back(
          {{"type", "issue"},
           {"check_name", "ckptcheck not-checked"},
           {"description", "model '" + run.name + "' could not be checked: " + run.errors},
           {"categories", json::array({"Bug Risk"})},
           {"severity", "blocker"},
           {"fingerprint", "not-checked-" + run.name},
           {"location",
            {{"path", std::filesystem::path(result.config_file).filename().string()}, {"lines", {{"begin", 1}}}}}});
  }
  out << issues.dump(1, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace

ProjectResult combine_runs(std::vector<ModelRun> runs, const std::string& config_file, const std::string& stdout_format,
                           const std::string& version) {
  ProjectResult result{std::move(runs), config_file, stdout_format, version, kExitClean};
  for (const ModelRun& run : result.runs) result.exit_code = std::max(result.exit_code, run.exit_code);
  return result;
}

void write_project_output(std::ostream& out, const ProjectResult& result, const std::string& format) {
  if (format == "json")
    write_json(out, result);
  else if (format == "sarif")
    write_sarif(out, result);
  else if (format == "markdown")
    write_markdown(out, result);
  else if (format == "gitlab")
    write_gitlab(out, result);
  else
    write_text(out, result);
}

std::string merged_baseline(const std::vector<ModelRun>& runs, const std::string& version) {
  std::vector<BaselineEntry> entries;
  for (const ModelRun& run : runs) {
    Baseline part = parse_baseline(run.baseline, run.name);
    entries.insert(entries.end(), part.entries.begin(), part.entries.end());
  }
  return baseline_text(entries, "ckptcheck " + version);
}

}  // namespace ckptcheck
