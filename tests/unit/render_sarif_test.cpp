// The SARIF log, parsed back: what GitHub code scanning requires beyond the
// OASIS schema (which the json_schemas ctest checks): a location with a region
// on every result, rules for every ruleId, stable fingerprints.
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "ckptcheck/report/render.h"
#include "report_samples.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

json rendered(const Report& r, const std::string& uri = "") {
  std::ostringstream out;
  render_sarif(out, r, "1.2.3", uri);
  return json::parse(out.str());
}

// By value: the log it comes from is usually a temporary.
json run_of(const json& log) { return log["runs"][0]; }

TEST(RenderSarif, IsOneRunOfSarif210ByCkptcheck) {
  json log = rendered(samples::breakage(), "https://example.org/ckptcheck");
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  json driver = run_of(log)["tool"]["driver"];
  EXPECT_EQ(driver["name"], "ckptcheck");
  EXPECT_EQ(driver["version"], "1.2.3");
  EXPECT_EQ(driver["informationUri"], "https://example.org/ckptcheck");
  EXPECT_FALSE(run_of(rendered(samples::breakage()))["tool"]["driver"].contains("informationUri"));
}

TEST(RenderSarif, ListsOnlyTheRulesThatFired) {
  Report r = samples::breakage();
  r.findings.push_back(r.findings.front());  // a rule firing twice is listed once
  json rules = run_of(rendered(r))["tool"]["driver"]["rules"];
  std::set<std::string> fired, listed;
  for (const Diagnostic& f : r.findings) fired.insert(std::string(rule_info(f.rule).code));
  for (const json& rule : rules) listed.insert(rule["id"].get<std::string>());
  EXPECT_EQ(listed, fired);
  EXPECT_EQ(rules.size(), fired.size());
  EXPECT_EQ(run_of(rendered(samples::clean()))["tool"]["driver"]["rules"], json::array());
}

TEST(RenderSarif, RuleDescribesItselfFromTheCatalog) {
  json rules = run_of(rendered(samples::breakage()))["tool"]["driver"]["rules"];
  for (const json& rule : rules) {
    const RuleInfo& info = rule_info(*find_rule(rule["id"].get<std::string>()));
    EXPECT_EQ(rule["name"], info.name);
    EXPECT_EQ(rule["shortDescription"]["text"], info.summary);
    EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
    EXPECT_FALSE(rule["help"]["markdown"].get<std::string>().empty());
    // The help is the rule's shipped page, which GitHub shows next to each alert.
    EXPECT_NE(rule["help"]["markdown"].get<std::string>().find("## How to fix"), std::string::npos) << rule["id"];
    std::string level = info.default_severity == Severity::Error     ? "error"
                        : info.default_severity == Severity::Warning ? "warning"
                                                                     : "note";
    EXPECT_EQ(rule["defaultConfiguration"]["level"], level);
    EXPECT_TRUE(rule["properties"]["tags"].is_array());
  }
}

TEST(RenderSarif, PickleSafetyRulesAreTaggedSecurity) {
  Report r = samples::clean();
  Diagnostic f;
  f.rule = RuleId::UnsafeGlobal;
  f.severity = Severity::Warning;
  f.checkpoint = "weights.pth";
  f.message = "the pickle calls 'os.system'";
  r.findings = {f};
  json tags = run_of(rendered(r))["tool"]["driver"]["rules"][0]["properties"]["tags"];
  EXPECT_NE(std::find(tags.begin(), tags.end(), "security"), tags.end()) << tags;
}

TEST(RenderSarif, ResultsPointAtTheirRulesAndUseSarifLevels) {
  Report r = samples::breakage();
  json run = run_of(rendered(r));
  ASSERT_EQ(run["results"].size(), r.findings.size());
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const json& result = run["results"][i];
    EXPECT_EQ(result["ruleId"], rule_info(r.findings[i].rule).code);
    EXPECT_EQ(run["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()]["id"], result["ruleId"]);
    EXPECT_EQ(result["message"]["text"].get<std::string>().rfind(r.findings[i].message, 0), 0u);
  }
  EXPECT_EQ(run["results"][0]["level"], "error");
  EXPECT_EQ(run["results"][2]["level"], "warning");
  EXPECT_EQ(run["results"][3]["level"], "note");  // the catalog's info
}

TEST(RenderSarif, MessageCarriesNotesAndFix) {
  std::string text = run_of(rendered(samples::breakage()))["results"][0]["message"]["text"];
  EXPECT_NE(text.find("\nnote: the checkpoint's 'fc1.weight' is [128, 784] float32"), std::string::npos) << text;
  EXPECT_NE(text.find("\nfix: construct Net with hidden=128"), std::string::npos) << text;
}

TEST(RenderSarif, EveryResultHasALocationGitHubAccepts) {
  for (const Report& r : {samples::breakage(), samples::odd_keys(), samples::many(3)}) {
    json results = run_of(rendered(r))["results"];
    for (const json& result : results) {
      ASSERT_EQ(result["locations"].size(), 1u) << result;
      const json& physical = result["locations"][0]["physicalLocation"];
      std::string uri = physical["artifactLocation"]["uri"];
      EXPECT_FALSE(uri.empty());
      EXPECT_EQ(uri.find('\\'), std::string::npos);
      EXPECT_EQ(uri.find(' '), std::string::npos);
      EXPECT_EQ(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
      EXPECT_GE(physical["region"]["startLine"].get<int>(), 1);
    }
  }
}

TEST(RenderSarif, SourceLocationIsThePrimaryLocation) {
  json results = run_of(rendered(samples::breakage()))["results"];
  const json& code = results[0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(code["artifactLocation"]["uri"], "src/net.cpp");
  EXPECT_EQ(code["region"], json({{"startLine", 12}, {"startColumn", 5}}));
  // Without a source location the checkpoint is the artifact, percent-encoded.
  const json& file = results[1]["locations"][0]["physicalLocation"];
  EXPECT_EQ(file["artifactLocation"]["uri"], "weights.pth");
  EXPECT_EQ(file["region"], json({{"startLine", 1}}));
  // Unknown column: no startColumn.
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["region"], json({{"startLine", 20}}));
  // Neither: the model file.
  EXPECT_EQ(results[5]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/net.cpp");
}

TEST(RenderSarif, PathsBecomeRelativeUrisWithForwardSlashes) {
  Report r = samples::clean();
  Diagnostic f;
  f.rule = RuleId::UnexpectedKey;
  f.severity = Severity::Error;
  f.checkpoint = ".\\runs\\ckpt 7#1.pt";
  f.message = "unexpected";
  r.findings = {f};
  f.checkpoint = "/abs/w.pt";
  r.findings.push_back(f);
  json results = run_of(rendered(r))["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"],
            json({{"uri", "runs/ckpt%207%231.pt"}, {"uriBaseId", "%SRCROOT%"}}));
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"], json({{"uri", "file:///abs/w.pt"}}));
}

TEST(RenderSarif, NotesOfACodeFindingAreRelatedToTheCheckpointThenTheOthersWithIt) {
  json result = run_of(rendered(samples::breakage()))["results"][0];
  const json& related = result["relatedLocations"];
  ASSERT_EQ(related.size(), 3u);
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(related[i]["physicalLocation"]["artifactLocation"]["uri"], "weights.pth");
  EXPECT_EQ(related[1]["message"]["text"], "'Linear(784, hidden)' decides dimension 0: hidden is 64");
  EXPECT_EQ(related[2]["physicalLocation"]["artifactLocation"]["uri"], "runs/ckpt%207.pt");
  EXPECT_EQ(related[2]["message"]["text"], "the same finding in this checkpoint");
  EXPECT_EQ(related[2]["id"], 3);
}

std::string fingerprint_of(const Report& r, size_t i) {
  return run_of(rendered(r))["results"][i]["partialFingerprints"]["ckptcheckFindingHash/v1"];
}

TEST(RenderSarif, FingerprintFollowsRuleKeyAndCheckpointOnly) {
  Report r = samples::breakage();
  std::string base = fingerprint_of(r, 0);
  EXPECT_EQ(base.size(), 16u);

  Report moved = r;  // code moved, message reworded, severity configured
  moved.findings[0].location->line = 99;
  moved.findings[0].message = "reworded";
  moved.findings[0].severity = Severity::Warning;
  EXPECT_EQ(fingerprint_of(moved, 0), base);

  for (auto change : {+[](Diagnostic& f) { f.key = "fc2.weight"; }, +[](Diagnostic& f) { f.checkpoint = "other.pth"; },
                      +[](Diagnostic& f) { f.rule = RuleId::DtypeMismatch; }}) {
    Report other = r;
    change(other.findings[0]);
    EXPECT_NE(fingerprint_of(other, 0), base);
  }
  // The parts are kept apart: ("ab", "c") and ("a", "bc") differ.
  Report a = r, b = r;
  a.findings[0].key = "fc1.weightw";
  a.findings[0].checkpoint = "eights.pth";
  b.findings[0].key = "fc1.weight";
  b.findings[0].checkpoint = "weights.pth";
  EXPECT_NE(fingerprint_of(a, 0), fingerprint_of(b, 0));
}

TEST(RenderSarif, InvalidUtf8IsReplacedNotThrown) {
  std::ostringstream out;
  ASSERT_NO_THROW(render_sarif(out, samples::odd_keys(), "1"));
  EXPECT_TRUE(json::accept(out.str()));
}

}  // namespace
}  // namespace ckptcheck
