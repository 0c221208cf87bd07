// SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer). GitHub's
// extra demands over the OASIS schema: every result has a location with an
// artifact URI and a region start line; rules are listed in tool.driver.rules;
// partialFingerprints keep an alert the same alert when the code around it moves.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "ckptcheck/report/render.h"
#include "ckptcheck/rules/rule_docs.h"
#include "fingerprint.h"
#include "render_util.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

constexpr const char* kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kSrcRoot = "%SRCROOT%";

// ---------------------------------------------------------------------------
// Rule help: the one place that produces a rule's help text.
struct RuleHelp {
  std::string text;
  std::string markdown;
};
RuleHelp rule_help(const RuleInfo& rule) {
  // The rule's page (docs/rules/, shipped in the binary): what, why, example, fix, exceptions.
  std::string page(rule_documentation(rule.id));
  if (page.empty()) page = std::string(rule.summary);
  std::string text = std::string(rule.summary) + ". Run 'ckptcheck explain " + std::string(rule.code) +
                     "' for the rule's page.";
  return {text, page};
}
// ---------------------------------------------------------------------------

// The catalog's hundreds-blocks, as tags GitHub can filter by.
std::vector<std::string> rule_tags(const RuleInfo& rule) {
  static const std::map<char, std::vector<std::string>> kTags = {
      {'1', {"checkpoint-file"}}, {'2', {"security", "pickle"}}, {'3', {"state-dict-keys"}},
      {'4', {"shapes-and-dtypes"}}, {'5', {"analysis"}},         {'6', {"loader"}}};
  std::vector<std::string> tags = {"ckptcheck"};
  auto it = kTags.find(rule.code.size() > 2 ? rule.code[2] : '?');
  if (it != kTags.end()) tags.insert(tags.end(), it->second.begin(), it->second.end());
  return tags;
}

json rule_json(const RuleInfo& rule) {
  RuleHelp help = rule_help(rule);
  return {{"id", rule.code},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.summary}}},
          {"fullDescription", {{"text", rule.summary}}},
          {"help", {{"text", help.text}, {"markdown", help.markdown}}},
          {"defaultConfiguration", {{"level", severity_word(rule.default_severity)}}},
          {"properties", {{"tags", rule_tags(rule)}}}};
}

// A relative path becomes a URI reference under %SRCROOT%: forward slashes,
// no "./", and percent-encoding for everything but unreserved characters
// (RFC 3986), so spaces, '#' or '?' in file names stay part of the path.
// An absolute path becomes a file:// URI.
json artifact_location(std::string path) {
  for (char& c : path)
    if (c == '\\') c = '/';
  bool absolute = !path.empty() && path[0] == '/';
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  std::string uri = absolute ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      uri += buf;
    }
  }
  if (absolute) return {{"uri", uri}};
  return {{"uri", uri}, {"uriBaseId", kSrcRoot}};
}

// GitHub requires region.startLine; a whole file is reported at its line 1.
json physical_location(const std::string& file, int line, int column) {
  json region = {{"startLine", line > 0 ? line : 1}};
  if (line > 0 && column > 0) region["startColumn"] = column;
  return {{"artifactLocation", artifact_location(file)}, {"region", region}};
}

json result_json(const Diagnostic& f, size_t rule_index, const Report& report) {
  const RuleInfo& rule = rule_info(f.rule);
  std::string text = f.message;
  for (const std::string& n : f.notes) text += "\nnote: " + n;
  if (!f.fix.empty()) text += "\nfix: " + f.fix;
  json result = {{"ruleId", rule.code},
                 {"ruleIndex", rule_index},
                 {"level", severity_word(f.severity)},
                 {"message", {{"text", text}}},
                 {"partialFingerprints", {{"ckptcheckFindingHash/v1", finding_fingerprint(f)}}}};
  // The primary location is the model source; without one, the checkpoint,
  // else the first model file. Only a report with neither has no location.
  json locations = json::array();
  if (f.location)
    locations.push_back({{"physicalLocation", physical_location(f.location->file, f.location->line,
                                                                 f.location->column)}});
  else if (!f.checkpoint.empty())
    locations.push_back({{"physicalLocation", physical_location(f.checkpoint, 0, 0)}});
  else if (!report.models.empty())
    locations.push_back({{"physicalLocation", physical_location(report.models.front(), 0, 0)}});
  result["locations"] = locations;
  // The notes are about the checkpoint: list it beside a code location, and
  // the other checkpoints with the same finding.
  json related = json::array();
  if (f.location && !f.checkpoint.empty())
    for (const std::string& n : f.notes)
      related.push_back({{"id", related.size() + 1},
                         {"physicalLocation", physical_location(f.checkpoint, 0, 0)},
                         {"message", {{"text", n}}}});
  for (const std::string& other : f.also_in)
    related.push_back({{"id", related.size() + 1},
                       {"physicalLocation", physical_location(other, 0, 0)},
                       {"message", {{"text", "the same finding in this checkpoint"}}}});
  if (!related.empty()) result["relatedLocations"] = related;
  return result;
}

}  // namespace

json report_sarif(const Report& report, const std::string& tool_version, const std::string& information_uri) {
  // Only the rules that fired, in catalog order; results point at them by index.
  std::set<RuleId> fired;
  for (const Diagnostic& f : report.findings) fired.insert(f.rule);
  std::map<RuleId, size_t> index;
  json rules = json::array();
  for (RuleId id : fired) {
    index[id] = rules.size();
    rules.push_back(rule_json(rule_info(id)));
  }
  json results = json::array();
  for (const Diagnostic& f : report.findings) results.push_back(result_json(f, index[f.rule], report));

  json driver = {{"name", "ckptcheck"}, {"version", tool_version}, {"rules", rules}};
  if (!information_uri.empty()) driver["informationUri"] = information_uri;
  return {{"$schema", kSarifSchema},
          {"version", "2.1.0"},
          {"runs", json::array({{{"tool", {{"driver", driver}}}, {"results", results}}})}};
}

void render_sarif(std::ostream& out, const Report& report, const std::string& tool_version,
                  const std::string& information_uri) {
  // Untrusted strings may not be UTF-8: replace bad bytes rather than throw.
  out << report_sarif(report, tool_version, information_uri)
             .dump(1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace ckptcheck
