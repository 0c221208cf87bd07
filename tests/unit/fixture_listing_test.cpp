// The reader's listing of every fixture must equal what torch itself reports for
// the same file (tests/fixtures/expected/*.json, written by torch_listing.py from
// torch.load / torch.jit.load). Names, order, shapes, strides, dtypes, kinds,
// requires_grad, storage offsets and sizes, storage sharing, and module trees.
#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ckptcheck/formats/inspect.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = CKPTCHECK_FIXTURES_DIR;

std::vector<std::string> expected_fixtures() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kFixtures / "expected"))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class FixtureListing : public ::testing::TestWithParam<std::string> {};

TEST_P(FixtureListing, EqualsWhatTorchReports) {
  const std::string file = GetParam();
  std::ifstream in(kFixtures / "expected" / (file + ".json"));
  nlohmann::json expected = nlohmann::json::parse(in);
  Inventory inv = inspect_file((kFixtures / "files" / file).string());

  EXPECT_EQ(inv.format, expected["format"]);
  EXPECT_EQ(inv.content, expected["content"]);
  const auto& tensors = expected["tensors"];
  ASSERT_EQ(inv.tensors.size(), tensors.size());
  std::map<std::string, size_t> first_with_key;  // storage key -> first tensor index
  for (size_t i = 0; i < tensors.size(); ++i) {
    const TensorEntry& t = inv.tensors[i];
    const auto& e = tensors[i];
    SCOPED_TRACE("tensor " + std::to_string(i) + " '" + e["name"].get<std::string>() + "'");
    EXPECT_EQ(t.name, e["name"]);
    EXPECT_EQ(t.shape, e["shape"].get<std::vector<int64_t>>());
    EXPECT_EQ(t.stride, e["stride"].get<std::vector<int64_t>>());
    EXPECT_EQ(t.dtype, e["dtype"]);
    EXPECT_EQ(tensor_kind_name(t.kind), e["kind"].get<std::string>());
    EXPECT_EQ(t.requires_grad, e["requires_grad"].get<bool>());
    ASSERT_TRUE(t.storage.has_value());
    EXPECT_EQ(t.storage->offset, e["storage_offset"].get<int64_t>());
    EXPECT_EQ(t.storage->nbytes, e["storage_nbytes"].get<uint64_t>());
    size_t group = first_with_key.emplace(t.storage->key, i).first->second;
    EXPECT_EQ(group, e["storage_group"].get<size_t>()) << "storage sharing differs";
  }
  if (expected.contains("modules")) {
    const auto& modules = expected["modules"];
    ASSERT_EQ(inv.modules.size(), modules.size());
    for (size_t i = 0; i < modules.size(); ++i) {
      EXPECT_EQ(inv.modules[i].path, modules[i]["path"]);
      EXPECT_EQ(inv.modules[i].type, modules[i]["type"]);
    }
  }
  if (expected.contains("dict_type")) {  // a state dict at the root: dict or OrderedDict
    ASSERT_FALSE(inv.state_dicts.empty());
    EXPECT_EQ(inv.state_dicts.front().path, "");
    EXPECT_EQ(inv.state_dicts.front().type, expected["dict_type"]);
  }
  for (const Diagnostic& d : inv.diagnostics)
    EXPECT_NE(d.severity, Severity::Error) << rule_info(d.rule).code << ": " << d.message;
}

INSTANTIATE_TEST_SUITE_P(TorchWritten, FixtureListing, ::testing::ValuesIn(expected_fixtures()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace ckptcheck
