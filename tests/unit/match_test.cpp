// The matcher's behaviours, one at a time, on small specs and inventories
// built in the test. (The end-to-end stories under tests/check/ hold the
// matcher to LibTorch's own verdicts on real files.)
#include <gtest/gtest.h>

#include "ckptcheck/match/match.h"
#include "ckptcheck/rules/model_spec_json.h"

namespace ckptcheck {
namespace {

// A spec from compact JSON entries: {"name", "shape", ...}; the rest defaulted.
ModelSpec spec(const std::string& symbols, const std::string& entries) {
  return read_model_spec_json(R"({"schema":"ckptcheck/modelspec/v1","root":"NetImpl","symbols":)" + symbols +
                              R"(,"entries":)" + entries + "}");
}

std::string entry(const std::string& name, const std::string& shape, const std::string& extra = "") {
  return R"({"name":")" + name + R"(","kind":"parameter","shape":)" + shape +
         R"(,"dtype":"float32","layer":"torch::nn::Linear","location":{"file":"net.cpp","line":7,"column":5})" + extra + "}";
}

struct Tensor {
  std::string name;
  std::vector<int64_t> shape;
  std::string dtype = "float32";
  std::string storage = "";
  TensorKind kind = TensorKind::Tensor;
};

Inventory state_dict(const std::vector<Tensor>& tensors, const std::string& content = "state_dict") {
  Inventory inv;
  inv.file = "w.pt";
  inv.format = "torch-zip";
  inv.content = content;
  int n = 0;
  for (const Tensor& t : tensors) {
    TensorEntry e;
    e.name = t.name;
    e.shape = t.shape;
    e.dtype = t.dtype;
    e.kind = t.kind;
    e.storage = StorageRef{t.storage.empty() ? std::to_string(n++) : t.storage, 0, 4};
    inv.tensors.push_back(e);
  }
  return inv;
}

Report check(const ModelSpec& s, const Inventory& inv, MatchOptions options = {}) {
  Report r;
  match_checkpoint(s, inv, options, r);
  return r;
}

std::vector<std::string> ids(const Report& r) {
  std::vector<std::string> out;
  for (const Diagnostic& f : r.findings) out.push_back(std::string(rule_info(f.rule).code) + " " + f.key);
  return out;
}

using Ids = std::vector<std::string>;

const ModelSpec kMlp = spec("[]", "[" + entry("fc1.weight", "[64,784]") + "," + entry("fc1.bias", "[64]") + "," +
                                      entry("fc2.weight", "[10,64]") + "," + entry("fc2.bias", "[10]") + "]");

TEST(Match, SameEntriesGiveNoFinding) {
  Report r = check(kMlp, state_dict({{"fc1.weight", {64, 784}}, {"fc1.bias", {64}}, {"fc2.weight", {10, 64}}, {"fc2.bias", {10}}}));
  EXPECT_EQ(ids(r), Ids{});
  ASSERT_EQ(r.checkpoints.size(), 1u);
  EXPECT_EQ(r.checkpoints[0].entries, 4u);
}

TEST(Match, MissingAndUnexpectedKeys) {
  Report r = check(kMlp, state_dict({{"fc1.weight", {64, 784}}, {"fc1.bias", {64}}, {"fc2.weight", {10, 64}},
                                     {"head.scale", {3, 3, 3}}}));
  EXPECT_EQ(ids(r), (Ids{"CK301 fc2.bias", "CK302 head.scale"}));
  EXPECT_EQ(r.findings[0].location->line, 7) << "missing entries point at their registration";
}

TEST(Match, ShapeMismatchNamesTheDimensionAndTheSource) {
  ModelSpec s = spec("[]", "[" + entry("fc1.weight", "[64,784]", R"x(,"source":"fc1(784, 64)")x") + "]");
  Report r = check(s, state_dict({{"fc1.weight", {128, 784}}}));
  ASSERT_EQ(ids(r), Ids{"CK401 fc1.weight"});
  EXPECT_EQ(r.findings[0].expected, nlohmann::json::parse("[64,784]"));
  EXPECT_EQ(r.findings[0].actual, nlohmann::json::parse("[128,784]"));
  std::string notes;
  for (const std::string& n : r.findings[0].notes) notes += n + "\n";
  EXPECT_NE(notes.find("dimension 0"), std::string::npos) << notes;
  EXPECT_NE(notes.find("fc1(784, 64)"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("torch::load"), std::string::npos)
      << "torch::load cannot read a Python state dict at all (CK601 says so): no word on what it would do";
  // A C++ archive, which torch::load reads: the finding says it would take the wrong shape silently.
  Inventory archive = state_dict({{"fc1.weight", {128, 784}}}, "torchscript");
  archive.format = "torchscript";
  Report cpp = check(s, archive);
  ASSERT_EQ(ids(cpp), Ids{"CK401 fc1.weight"});
  notes.clear();
  for (const std::string& n : cpp.findings[0].notes) notes += n + "\n";
  EXPECT_NE(notes.find("torch::load would not complain"), std::string::npos) << notes;
}

TEST(Match, TransposedIsItsOwnRule) {
  Report r = check(spec("[]", "[" + entry("w", "[10,64]") + "]"), state_dict({{"w", {64, 10}}}));
  EXPECT_EQ(ids(r), Ids{"CK403 w"});
}

TEST(Match, DtypeSeverityFollowsNarrowing) {
  Report widening = check(spec("[]", "[" + entry("w", "[2]") + "]"), state_dict({{"w", {2}, "float16"}}));
  ASSERT_EQ(ids(widening), Ids{"CK402 w"});
  EXPECT_EQ(widening.findings[0].severity, Severity::Warning);
  Report narrowing = check(spec("[]", "[" + entry("w", "[2]") + "]"), state_dict({{"w", {2}, "float64"}}));
  ASSERT_EQ(ids(narrowing), Ids{"CK402 w"});
  EXPECT_EQ(narrowing.findings[0].severity, Severity::Error);
  Report integer = check(spec("[]", "[" + entry("w", "[2]") + "]"), state_dict({{"w", {2}, "int64"}}));
  EXPECT_EQ(integer.findings.at(0).severity, Severity::Error);
}

TEST(Match, KindMismatch) {
  Report r = check(spec("[]", "[" + entry("scale", "[1]") + "]"), state_dict({{"scale", {1}, "float32", "", TensorKind::Buffer}}));
  EXPECT_EQ(ids(r), Ids{"CK307 scale"});
}

TEST(Match, DataParallelPrefixIsOneFinding) {
  Report r = check(kMlp, state_dict({{"module.fc1.weight", {64, 784}}, {"module.fc1.bias", {64}},
                                     {"module.fc2.weight", {10, 64}}, {"module.fc2.bias", {10}}}));
  EXPECT_EQ(ids(r), Ids{"CK303 module."});
  EXPECT_NE(r.findings[0].fix.find("--strip-prefix module."), std::string::npos);
  MatchOptions strip;
  strip.strip_prefix = "module.";
  EXPECT_EQ(ids(check(kMlp, state_dict({{"module.fc1.weight", {64, 784}}, {"module.fc1.bias", {64}},
                                        {"module.fc2.weight", {10, 64}}, {"module.fc2.bias", {10}}}), strip)),
            Ids{}) << "--strip-prefix applies it";
}

TEST(Match, NestedWrappersAndMissingPrefix) {
  Report nested = check(kMlp, state_dict({{"module._orig_mod.fc1.weight", {64, 784}}, {"module._orig_mod.fc1.bias", {64}},
                                          {"module._orig_mod.fc2.weight", {10, 64}}, {"module._orig_mod.fc2.bias", {10}}}));
  ASSERT_EQ(ids(nested), Ids{"CK303 module._orig_mod."}) << "nested wrappers are one prefix";
  EXPECT_NE(nested.findings[0].message.find("DataParallel"), std::string::npos) << nested.findings[0].message;
  EXPECT_NE(nested.findings[0].message.find("torch.compile"), std::string::npos) << nested.findings[0].message;
  ModelSpec wrapped = spec("[]", "[" + entry("model.fc.weight", "[2,2]") + "," + entry("model.fc.bias", "[2]") + "]");
  EXPECT_EQ(ids(check(wrapped, state_dict({{"fc.weight", {2, 2}}, {"fc.bias", {2}}}))), Ids{"CK303 model."});
  ModelSpec inner = spec("[]", "[" + entry("enc.fc.weight", "[2,2]") + "," + entry("enc.fc.bias", "[2]") + "]");
  EXPECT_EQ(ids(check(inner, state_dict({{"enc.module.fc.weight", {2, 2}}, {"enc.module.fc.bias", {2}}}))),
            Ids{"CK303 enc.module."}) << "a wrapper inside the path";
}

TEST(Match, RenamedModuleIsOneRename) {
  ModelSpec s = spec("[]", "[" + entry("enc.proj.weight", "[8,4]") + "," + entry("enc.proj.bias", "[8]") + "," +
                               entry("head.weight", "[2,8]") + "]");
  Report r = check(s, state_dict({{"enc.fc.weight", {8, 4}}, {"enc.fc.bias", {8}}, {"head.weight", {2, 8}}}));
  ASSERT_EQ(ids(r), Ids{"CK304 enc.proj.*"});
  EXPECT_EQ(r.findings[0].actual, "enc.fc.");
  EXPECT_NE(r.findings[0].fix.find(R"("enc.fc.": "enc.proj.")"), std::string::npos) << r.findings[0].fix;
}

TEST(Match, PythonNestedSequentialPairsInOrder) {
  // Python: features = Sequential(Sequential(conv, bn), Sequential(conv, bn)); the C++ port flattens it.
  ModelSpec s = spec("[]", "[" + entry("features.0.weight", "[8,3]") + "," + entry("features.0.bias", "[8]") + "," +
                               entry("features.2.weight", "[8,8]") + "," + entry("features.2.bias", "[8]") + "]");
  Report r = check(s, state_dict({{"features.0.0.weight", {8, 3}}, {"features.0.0.bias", {8}},
                                  {"features.1.0.weight", {8, 8}}, {"features.1.0.bias", {8}}}));
  ASSERT_EQ(ids(r), (Ids{"CK304 features.0.*", "CK304 features.2.*"}));
  EXPECT_EQ(r.findings[0].actual, "features.0.0.");
  EXPECT_EQ(r.findings[0].expected, "features.0.");
  EXPECT_EQ(r.findings[1].actual, "features.1.0.");
  EXPECT_EQ(r.findings[1].expected, "features.2.");
}

TEST(Match, LegacyBatchNormAndTiedAlias) {
  ModelSpec s = spec("[]", "[" + entry("bn.weight", "[3]") + R"(,{"name":"bn.num_batches_tracked","kind":"buffer","shape":[],"dtype":"int64","layer":"torch::nn::BatchNorm1d"}])");
  Report r = check(s, state_dict({{"bn.weight", {3}}}));
  ASSERT_EQ(ids(r), Ids{"CK306 bn.num_batches_tracked"});
  EXPECT_EQ(r.findings[0].severity, Severity::Info);
  Report tied = check(spec("[]", "[" + entry("emb.weight", "[5,4]") + "]"),
                      state_dict({{"emb.weight", {5, 4}, "float32", "7"}, {"out.weight", {5, 4}, "float32", "7"}}));
  EXPECT_EQ(ids(tied), Ids{"CK305 out.weight"});
}

TEST(Match, SymbolsAreSolvedFromShapes) {
  ModelSpec s = spec(R"([{"name":"hidden","default":null}])",
                     "[" + entry("fc1.weight", R"(["4*hidden",784])") + "," + entry("fc1.bias", R"(["4*hidden"])") + "," +
                         entry("fc2.weight", R"([10,"hidden/2"])") + "]");
  Report r = check(s, state_dict({{"fc1.weight", {512, 784}}, {"fc1.bias", {512}}, {"fc2.weight", {10, 64}}}));
  EXPECT_EQ(ids(r), Ids{});
  ASSERT_EQ(r.symbols.size(), 1u);
  EXPECT_EQ(r.symbols[0].value, 128);
  EXPECT_EQ(r.symbols[0].origin, "checkpoint");
}

TEST(Match, ConflictingSymbolValues) {
  ModelSpec s = spec(R"([{"name":"hidden","default":null}])",
                     "[" + entry("a.weight", R"(["hidden",4])") + "," + entry("a.bias", R"(["hidden"])") + "," +
                         entry("b.weight", R"([2,"hidden"])") + "]");
  Report r = check(s, state_dict({{"a.weight", {32, 4}}, {"a.bias", {32}}, {"b.weight", {2, 16}}}));
  EXPECT_EQ(ids(r), (Ids{"CK404 hidden", "CK401 b.weight"}));
  EXPECT_EQ(r.symbols[0].value, 32) << "the value most entries imply";
}

TEST(Match, ChangedDefaultIsOneFindingAtTheDefault) {
  ModelSpec s = spec(R"([{"name":"hidden","default":"512","default_value":512,"symbolic":true,
                          "location":{"file":"net.cpp","line":3,"column":20}}])",
                     "[" + entry("fc1.weight", R"(["hidden",784])") + "," + entry("fc1.bias", R"(["hidden"])") + "]");
  Report r = check(s, state_dict({{"fc1.weight", {768, 784}}, {"fc1.bias", {768}}}));
  ASSERT_EQ(ids(r), Ids{"CK401 hidden"});
  EXPECT_NE(r.findings[0].message.find("hidden=768"), std::string::npos) << r.findings[0].message;
  EXPECT_NE(r.findings[0].message.find("512"), std::string::npos);
  EXPECT_EQ(r.findings[0].location->line, 3);
  Report same = check(s, state_dict({{"fc1.weight", {512, 784}}, {"fc1.bias", {512}}}));
  EXPECT_EQ(ids(same), Ids{});
  EXPECT_EQ(same.symbols[0].value, 512);
}

// A transposed weight "solves" in and out to each other's defaults; that is
// no evidence against the defaults, which still explain every other entry.
TEST(Match, DefaultsHoldUnlessTheCheckpointsValuesExplainMore) {
  ModelSpec s = spec(R"([{"name":"in","default":"10","default_value":10,"symbolic":true},
                         {"name":"out","default":"6","default_value":6,"symbolic":true}])",
                     "[" + entry("w", R"(["out","in"])") + "," + entry("b", R"(["out"])") + "]");
  Report r = check(s, state_dict({{"w", {10, 6}}, {"b", {6}}}));
  EXPECT_EQ(ids(r), Ids{"CK403 w"});
  EXPECT_EQ(r.symbols[0].origin, "default");
  EXPECT_EQ(r.symbols[1].origin, "default");
}

// A bool default that decides whether a layer exists: the checkpoint's
// missing layer implies the other value, one finding at the default.
TEST(Match, DefaultThatAddsALayerIsOneFindingAtTheDefault) {
  std::string cond = R"(,"conditional":true,"condition":"cfg.use_norm>0")";
  ModelSpec s = spec(R"([{"name":"cfg.use_norm","default":"true","default_value":1,"symbolic":true,
                          "location":{"file":"options.h","line":13,"column":8}}])",
                     "[" + entry("stem.weight", "[8,4]") + "," + entry("norm.weight", "[8]", cond) + "," +
                         entry("norm.bias", "[8]", cond) + "]");
  Report r = check(s, state_dict({{"stem.weight", {8, 4}}}));
  ASSERT_EQ(ids(r), Ids{"CK301 cfg.use_norm"});
  EXPECT_NE(r.findings[0].message.find("implies cfg.use_norm=false; the code's default is true"), std::string::npos)
      << r.findings[0].message;
  EXPECT_EQ(r.findings[0].location->file, "options.h");
  EXPECT_EQ(r.findings[0].keys, (std::vector<std::string>{"norm.bias", "norm.weight"}));
  EXPECT_EQ(r.symbols[0].value, 0);
  EXPECT_EQ(r.symbols[0].origin, "checkpoint");
  EXPECT_EQ(ids(check(s, state_dict({{"stem.weight", {8, 4}}, {"norm.weight", {8}}, {"norm.bias", {8}}}))), Ids{})
      << "the default holds when the checkpoint has the layer";
}

// The same for an integer a condition compares (`if (depth > 2)`): the
// nearest value on the other side of the comparison.
TEST(Match, ThresholdDefaultIsSolvedFromWhichEntriesExist) {
  std::string cond = R"(,"conditional":true,"condition":"depth>2")";
  ModelSpec s = spec(R"([{"name":"depth","default":"4","default_value":4,"symbolic":true}])",
                     "[" + entry("stem.weight", "[8,4]") + "," + entry("deep.weight", "[8]", cond) + "]");
  Report r = check(s, state_dict({{"stem.weight", {8, 4}}}));
  ASSERT_EQ(ids(r), Ids{"CK301 depth"});
  EXPECT_EQ(r.symbols[0].value, 2) << "the nearest value at which deep.weight is not created";
}

TEST(Match, RepeatedGroupLengthComesFromTheKeys) {
  std::string repeat = R"(,"repeat":[{"index":"i","from":0,"to":"n","group":1}])";
  ModelSpec s = spec(R"([{"name":"n","default":"2","default_value":2,"symbolic":true}])",
                     "[" + entry("layers.{i}.weight", "[4,4]", repeat) + "," + entry("layers.{i}.bias", "[4]", repeat) + "]");
  std::vector<Tensor> six;
  for (int i = 0; i < 6; ++i) {
    six.push_back({"layers." + std::to_string(i) + ".weight", {4, 4}});
    six.push_back({"layers." + std::to_string(i) + ".bias", {4}});
  }
  Report r = check(s, state_dict(six));
  EXPECT_EQ(ids(r), Ids{"CK302 n"}) << "the checkpoint has 6 layers, the default 2";
  EXPECT_EQ(r.findings[0].keys.size(), 8u) << "layers 2..5, weight and bias";
  EXPECT_EQ(r.symbols[0].value, 6);
}

TEST(Match, RepeatedFindingsFold) {
  std::string repeat = R"(,"repeat":[{"index":"i","from":0,"to":12,"group":1}])";
  ModelSpec s = spec("[]", "[" + entry("layers.{i}.attn.weight", "[8,8]", repeat) + "]");
  std::vector<Tensor> wrong;
  for (int i = 0; i < 12; ++i) wrong.push_back({"layers." + std::to_string(i) + ".attn.weight", {8, 16}});
  Report r = check(s, state_dict(wrong));
  EXPECT_EQ(ids(r), Ids{"CK401 layers.{0..11}.attn.weight"});
}

TEST(Match, UndecidedConditionFollowsTheFile) {
  std::string cond = R"(,"conditional":true,"condition":"k==e")";
  ModelSpec s = spec(R"([{"name":"k","default":null},{"name":"e","default":null}])",
                     "[" + entry("in_proj_weight", R"(["3*e","e"])", cond) + "," +
                         entry("q_proj_weight", R"(["e","e"])", R"x(,"conditional":true,"condition":"!(k==e)")x") + "," +
                         entry("out.weight", R"(["e","e"])") + "]");
  Report r = check(s, state_dict({{"in_proj_weight", {24, 8}}, {"out.weight", {8, 8}}}));
  EXPECT_EQ(ids(r), Ids{}) << "neither layout is missing when the condition cannot be decided";
  ModelSpec decided = spec("[]", "[" + entry("extra.weight", "[2]", R"(,"conditional":true,"condition":"3>4")") + "]");
  EXPECT_EQ(ids(check(decided, state_dict({}))), Ids{}) << "a false condition creates nothing";
}

TEST(Match, ChoosesTheTrainingCheckpointsStateDict) {
  Inventory inv = state_dict({{"model_state_dict.w", {2}}, {"optimizer_state_dict.state.0.exp_avg", {2}}}, "checkpoint");
  inv.state_dicts = {{"model_state_dict", 1}, {"optimizer_state_dict.state.0", 1}};
  Report r = check(spec("[]", "[" + entry("w", "[2]") + "]"), inv);
  EXPECT_EQ(ids(r), Ids{});
  EXPECT_EQ(r.checkpoints[0].state_dict_key, "model_state_dict");
  inv = state_dict({{"state_dict.w", {2}}, {"state_dict_ema.w", {2}}}, "checkpoint");
  inv.state_dicts = {{"state_dict", 1}, {"state_dict_ema", 1}};
  try {
    check(spec("[]", "[" + entry("w", "[2]") + "]"), inv);
    FAIL() << "two plausible state dicts must be an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("'state_dict_ema'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--key"), std::string::npos) << e.what();
  }
  MatchOptions pick;
  pick.key = "state_dict_ema";
  EXPECT_EQ(check(spec("[]", "[" + entry("w", "[2]") + "]"), inv, pick).checkpoints[0].state_dict_key, "state_dict_ema");
}

TEST(Match, HostileSpecsAreRefused) {
  for (const char* bad : {"not json", R"({"schema":"other"})", R"({"schema":"ckptcheck/modelspec/v1","symbols":[],"entries":[{"name":"a"}]})",
                          R"({"schema":"ckptcheck/modelspec/v1","symbols":[],"entries":[{"name":"a","kind":"parameter","shape":["x+"],"dtype":"float32"}]})",
                          R"({"schema":"ckptcheck/modelspec/v1","symbols":[{"name":1}],"entries":[]})"})
    EXPECT_THROW(read_model_spec_json(bad), ModelSpecError) << bad;
}

// A spec comes from a file anyone may hand over: a 200 KB expression must not
// be echoed whole into the error (and the log it lands in).
TEST(ModelSpecJson, QuotesAtMostAboutTwoHundredCharactersOfABadValue) {
  std::string huge(200'000, 'a');
  huge += '+';
  std::string spec =
      R"({"schema":"ckptcheck/modelspec/v1","symbols":[],"entries":[{"name":"a","kind":"parameter","shape":[")" + huge +
      R"("],"dtype":"float32"}]})";
  try {
    read_model_spec_json(spec);
    ADD_FAILURE() << "accepted";
  } catch (const ModelSpecError& e) {
    std::string message = e.what();
    EXPECT_LT(message.size(), 400u);
    EXPECT_NE(message.find("(200003 characters)"), std::string::npos) << message.substr(0, 400);
  }
}

}  // namespace
}  // namespace ckptcheck

namespace ckptcheck {
namespace {

// torch::load's verdict on a TorchScript file holding no tensors and only the
// submodules `file_modules`, for a spec whose modules are `modules`.
TorchLoadVerdict torch_load_verdict(const std::string& modules, const std::vector<std::string>& file_modules) {
  ModelSpec s = read_model_spec_json(
      R"({"schema":"ckptcheck/modelspec/v1","root":"NetImpl","symbols":[{"name":"n","default":null}],"entries":[)" +
      entry("a.weight", "[2]") + "," + entry("b.weight", "[2]") + R"(],"modules":)" + modules + "}");
  Inventory inv = state_dict({}, "torchscript");
  inv.format = "torchscript";
  for (const std::string& m : file_modules) inv.modules.push_back({m, "__torch__.M"});
  Report r = check(s, inv);
  for (const LoaderSupport& l : r.checkpoints.at(0).loaders)
    if (l.loader == "torch::load" && l.with_model) return *l.with_model;
  ADD_FAILURE() << "no torch::load verdict";
  return {};
}

TEST(Match, TorchLoadThrowsAtTheFirstMemberItLacks) {
  TorchLoadVerdict v =
      torch_load_verdict(R"([{"name":"","type":"NetImpl"},{"name":"a","type":"torch::nn::LinearImpl"},)"
                         R"({"name":"b","type":"torch::nn::LinearImpl"}])",
                         {""});
  EXPECT_TRUE(v.throws);
  EXPECT_EQ(v.error, "No such serialized submodule: 'a'");
  EXPECT_EQ(v.at, "a");
}

TEST(Match, TorchLoadListsWhatItLacksWhenSomeMembersAreNotKnown) {
  // Between a and b, a repeated submodule without tensors: how many there are,
  // and so whether the loader meets one of them first, is not known.
  TorchLoadVerdict v = torch_load_verdict(
      R"([{"name":"","type":"NetImpl"},{"name":"a","type":"torch::nn::LinearImpl"},)"
      R"({"name":"acts","type":"torch::nn::ModuleListImpl"},)"
      R"({"name":"acts.{i}","type":"torch::nn::GELUImpl","repeat":[{"index":"i","from":0,"to":"n","group":1}]},)"
      R"({"name":"b","type":"torch::nn::LinearImpl"}])",
      {"", "acts"});
  EXPECT_TRUE(v.throws);
  EXPECT_EQ(v.error, "");
  EXPECT_EQ(v.could_throw,
            (std::vector<std::string>{"No such serialized submodule: 'a'", "No such serialized submodule: 'b'"}));
}

}  // namespace
}  // namespace ckptcheck
