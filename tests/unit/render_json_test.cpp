// The report/v1 JSON, parsed back: every field the contract names, and strings
// that survive the trip whatever a checkpoint calls its tensors.
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "ckptcheck/report/render.h"
#include "report_samples.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

json rendered(const Report& r) {
  std::ostringstream out;
  render_json(out, r);
  return json::parse(out.str());
}

TEST(RenderJson, CleanReportIsOk) {
  json j = rendered(samples::clean());
  EXPECT_EQ(j["schema"], "ckptcheck/report/v1");
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["summary"], json({{"error", 0}, {"warning", 0}, {"info", 0}, {"suppressed", 0}, {"baseline", nullptr}}));
  EXPECT_EQ(j["findings"], json::array());
  EXPECT_EQ(j["root"], "NetImpl");
  EXPECT_EQ(j["models"], json({"src/net.cpp"}));
}

TEST(RenderJson, SummaryCountsAndOkFollowTheFindings) {
  json j = rendered(samples::breakage());
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["summary"], json({{"error", 3}, {"warning", 2}, {"info", 1}, {"suppressed", 0}, {"baseline", nullptr}}));
  Report hid_two = samples::breakage();
  hid_two.suppressed = 2;
  EXPECT_EQ(rendered(hid_two)["summary"]["suppressed"], 2) << "what the configuration hid is counted";
  Report with_baseline = samples::breakage();
  with_baseline.baseline = Report::BaselineCounts{".ckptcheck-baseline.json", 4, 1};
  EXPECT_EQ(rendered(with_baseline)["summary"]["baseline"],
            json({{"file", ".ckptcheck-baseline.json"}, {"matched", 4}, {"fixed", 1}}))
      << "what the baseline held is counted";
  Report warnings_only = samples::breakage();
  std::erase_if(warnings_only.findings, [](const Diagnostic& f) { return f.severity == Severity::Error; });
  EXPECT_EQ(rendered(warnings_only)["ok"], true) << "ok means no error, whatever the warnings";
}

TEST(RenderJson, SymbolsMapKnownValuesAndDetailEveryOne) {
  json j = rendered(samples::clean());
  EXPECT_EQ(j["symbols"], json({{"hidden", 768}, {"layers", 2}, {"heads", 8}}));
  ASSERT_EQ(j["symbol_details"].size(), 4u);
  EXPECT_EQ(j["symbol_details"][0], json({{"name", "hidden"}, {"value", 768}, {"origin", "checkpoint"}, {"default", "512"}}));
  EXPECT_EQ(j["symbol_details"][1]["default"], nullptr);
  EXPECT_EQ(j["symbol_details"][3], json({{"name", "vocab"}, {"value", nullptr}, {"origin", nullptr}, {"default", nullptr}}));
}

TEST(RenderJson, CheckpointsSayWhatWasReadAndWhichLoadersReadIt) {
  json j = rendered(samples::breakage());
  ASSERT_EQ(j["checkpoints"].size(), 2u);
  const json& c = j["checkpoints"][1];
  EXPECT_EQ(c["file"], "runs/ckpt 7.pt");
  EXPECT_EQ(c["format"], "torch-zip");
  EXPECT_EQ(c["content"], "checkpoint");
  EXPECT_EQ(c["state_dict_key"], "model_state_dict");
  EXPECT_EQ(c["entries"], 4);
  ASSERT_EQ(c["loaders"].size(), 2u);
  EXPECT_EQ(c["loaders"][0], json({{"loader", "torch.load"}, {"reads", true}, {"note", nullptr}}));
  EXPECT_EQ(c["loaders"][1], json({{"loader", "torch::load"}, {"reads", false}, {"note", "cannot read a Python pickle"}}));
}

TEST(RenderJson, CheckpointsSayWhatPythonsLoadStateDictDoes) {
  json c = rendered(samples::breakage())["checkpoints"];
  EXPECT_EQ(c[0]["load_state_dict"], json::array());
  ASSERT_EQ(c[1]["load_state_dict"].size(), 2u);
  EXPECT_EQ(c[1]["load_state_dict"][0], json({{"strict", true},
                                              {"outcome", "raises"},
                                              {"missing", {"fc1.weight"}},
                                              {"unexpected", {"extra.bias"}},
                                              {"size_mismatch", json::array()},
                                              {"cast", json::array()}}));
  EXPECT_EQ(c[1]["load_state_dict"][1]["outcome"], "loads");
  EXPECT_EQ(c[1]["load_state_dict"][1]["cast"], json({"scale"}));
}

TEST(RenderJson, FindingCarriesBothSidesLocationNotesAndFix) {
  json f = rendered(samples::breakage())["findings"][0];
  EXPECT_EQ(f["id"], "CK401");
  EXPECT_EQ(f["name"], "shape-mismatch");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["checkpoint"], "weights.pth");
  EXPECT_EQ(f["also_in"], json({"runs/ckpt 7.pt"}));
  EXPECT_EQ(f["key"], "fc1.weight");
  EXPECT_EQ(f["expected"], json({64, 784}));
  EXPECT_EQ(f["actual"], json({128, 784}));
  EXPECT_EQ(f["location"], json({{"file", "src/net.cpp"}, {"line", 12}, {"column", 5}}));
  ASSERT_EQ(f["notes"].size(), 2u);
  EXPECT_EQ(f["fix"], "construct Net with hidden=128");
}

TEST(RenderJson, AbsentPartsAreNull) {
  json findings = rendered(samples::breakage())["findings"];
  const json& unexpected = findings[1];  // no location, no fix, no expected side
  EXPECT_EQ(unexpected["location"], nullptr);
  EXPECT_EQ(unexpected["fix"], nullptr);
  EXPECT_EQ(unexpected["expected"], nullptr);
  EXPECT_EQ(unexpected["notes"], json::array());
  EXPECT_EQ(unexpected["also_in"], json::array());
  const json& ambiguous = findings[5];  // about the model alone
  EXPECT_EQ(ambiguous["checkpoint"], nullptr);
  EXPECT_EQ(ambiguous["key"], "");
  EXPECT_EQ(rendered(Report{})["root"], nullptr);
}

TEST(RenderJson, OddKeysSurviveTheRoundTrip) {
  Report r = samples::odd_keys();
  json findings = rendered(r)["findings"];
  ASSERT_EQ(findings.size(), r.findings.size());
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const std::string& key = r.findings[i].key;
    if (key.find('\xff') != std::string::npos) continue;  // not UTF-8: next test
    EXPECT_EQ(findings[i]["key"], key);
    EXPECT_EQ(findings[i]["message"], r.findings[i].message);
    EXPECT_EQ(findings[i]["notes"][0], r.findings[i].notes[0]);
    EXPECT_EQ(findings[i]["expected"][0], key);
  }
}

TEST(RenderJson, InvalidUtf8IsReplacedNotThrown) {
  Report r = samples::clean();
  Diagnostic f;
  f.rule = RuleId::MissingKey;
  f.severity = Severity::Error;
  f.key = "bad\xff.key";
  f.message = "missing 'bad\xff.key'";
  r.findings = {f};
  std::ostringstream out;
  ASSERT_NO_THROW(render_json(out, r));
  json j = json::parse(out.str());
  EXPECT_EQ(j["findings"][0]["key"], "bad\xef\xbf\xbd.key");  // U+FFFD
}

TEST(RenderJson, ControlCharactersAreEscapedInTheText) {
  Report r = samples::odd_keys();
  std::ostringstream out;
  render_json(out, r);
  for (char c : out.str())
    if (c != '\n') {
      EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control character in the JSON text";
    }
}

}  // namespace
}  // namespace ckptcheck
