// CK308's table: the class torch records for each layer that has a layer rule
// (tests/loaders/layer_classes.json, written by torch.save and torch.jit.script
// in layer_classes.py; the layer_classes_come_from_torch test keeps it current)
// must map to that layer's LibTorch name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/match/layer_types.h"
#include "ckptcheck/rules/layer_rules.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

nlohmann::json layer_classes() {
  std::ifstream in(fs::path(CKPTCHECK_LOADERS_DIR) / "layer_classes.json");
  return nlohmann::json::parse(in);
}

TEST(LayerTypes, EveryLayerRuleMapsFromWhatTorchRecords) {
  nlohmann::json classes = layer_classes();
  for (const LayerRule& rule : all_layer_rules()) {
    std::string name(rule.name);
    SCOPED_TRACE(name);
    ASSERT_TRUE(classes.contains(name)) << "regenerate layer_classes.json: no entry for a layer rule";
    const auto& c = classes[name];
    std::string want = "torch::nn::" + name;
    EXPECT_EQ(libtorch_layer_for(c["pickle"].get<std::string>()), want) << c["pickle"];
    EXPECT_TRUE(same_layer(c["pickle"].get<std::string>(), want));
    if (!c["script"].is_null()) {  // some layers TorchScript cannot compile (script_error says why)
      EXPECT_EQ(libtorch_layer_for(c["script"].get<std::string>()), want) << c["script"];
      EXPECT_TRUE(same_layer(c["script"].get<std::string>(), want + "Impl"));
    }
    for (const char* children : {"children", "script_children"}) {
      if (!c.contains(children)) continue;
      for (const auto& child : c[children]) EXPECT_TRUE(libtorch_layer_for(child.get<std::string>())) << child;
    }
  }
}

TEST(LayerTypes, MultiheadAttentionOutProjIsALinear) {
  // LibTorch's MultiheadAttention registers out_proj as a torch::nn::Linear.
  nlohmann::json c = layer_classes()["MultiheadAttention"];
  for (const auto& child : c["children"]) EXPECT_EQ(libtorch_layer_for(child.get<std::string>()), "torch::nn::Linear");
  for (const auto& child : c["script_children"])
    EXPECT_EQ(libtorch_layer_for(child.get<std::string>()), "torch::nn::Linear");
}

TEST(LayerTypes, MangledTorchScriptNames) {
  EXPECT_EQ(libtorch_layer_for("__torch__.torch.nn.modules.linear.___torch_mangle_11.Linear"), "torch::nn::Linear");
  EXPECT_EQ(libtorch_layer_for("__torch__.torch.nn.modules.container.Sequential"), "torch::nn::Sequential");
}

TEST(LayerTypes, CustomClassesAreNotLayers) {
  EXPECT_FALSE(libtorch_layer_for("fixture_models.SimpleModel"));
  EXPECT_FALSE(libtorch_layer_for("torch.nn.modules.linear.NotALayer"));
  EXPECT_FALSE(libtorch_layer_for("mylib.torch.nn.modules.linear.Linear"));
}

TEST(LayerTypes, CppArchivesRecordNoClass) {
  // What torch::save writes for a module (cpp_writer.cpp): every module is __torch__.Module.
  Inventory inv = inspect_file(std::string(CKPTCHECK_FIXTURES_DIR) + "/files/cpp_module.pt");
  ASSERT_GE(inv.modules.size(), 3u);
  for (const ModuleEntry& m : inv.modules) {
    EXPECT_FALSE(libtorch_layer_for(m.type)) << m.type;
    EXPECT_TRUE(same_layer(m.type, "torch::nn::Linear")) << m.type;
    EXPECT_TRUE(same_layer(m.type, "FixtureNetImpl")) << m.type;
  }
}

TEST(LayerTypes, WholeModelFixtureLayers) {
  Inventory inv = inspect_file(std::string(CKPTCHECK_FIXTURES_DIR) + "/files/model_whole.pt");
  std::map<std::string, std::string> by_path;
  for (const ModuleEntry& m : inv.modules) by_path[m.path] = m.type;
  EXPECT_EQ(libtorch_layer_for(by_path["fc1"]), "torch::nn::Linear");
  EXPECT_EQ(libtorch_layer_for(by_path["bn"]), "torch::nn::BatchNorm1d");
  EXPECT_FALSE(same_layer(by_path["bn"], "torch::nn::BatchNorm2d"));
  EXPECT_FALSE(same_layer(by_path["fc1"], "FcImpl"));
  EXPECT_TRUE(same_layer(by_path[""], "SimpleModelImpl"));
  EXPECT_TRUE(same_layer(by_path[""], "net::SimpleModel"));
  EXPECT_FALSE(same_layer(by_path[""], "torch::nn::Linear"));
  EXPECT_FALSE(same_layer(by_path[""], "OtherModelImpl"));
}

TEST(LayerTypes, CustomTorchScriptClassAgainstCppClass) {
  EXPECT_TRUE(same_layer("__torch__.fixture_models.___torch_mangle_3.Block", "BlockImpl"));
  EXPECT_FALSE(same_layer("__torch__.fixture_models.Block", "ResBlockImpl"));
}

}  // namespace
}  // namespace ckptcheck
