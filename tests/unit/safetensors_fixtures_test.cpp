// The safetensors files tests/fixtures/generate_safetensors.py wrote with the
// reference writer, read and compared with what the writer recorded in expected.json.
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "safetensors_reader.h"

namespace ckptcheck {
namespace {

using Bytes = std::vector<uint8_t>;

const std::string kFixtureDir = std::string(CKPTCHECK_FIXTURES_DIR) + "/safetensors";

nlohmann::json load_expected() {
  std::ifstream in(kFixtureDir + "/expected.json");
  return in ? nlohmann::json::parse(in) : nlohmann::json::object();
}

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  const nlohmann::json expected = load_expected();
  for (const auto& [name, _] : expected.items()) names.push_back(name);
  return names;
}

Bytes read_fixture(const std::string& name) {
  std::ifstream in(kFixtureDir + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << name;
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(SafetensorsReader, FixtureTableListsEveryFixture) {
  const nlohmann::json expected = load_expected();
  ASSERT_FALSE(expected.empty()) << "run tests/fixtures/generate_safetensors.py";
  size_t files = 0;
  for (const auto& f : std::filesystem::directory_iterator(kFixtureDir)) {
    if (f.path().extension() != ".safetensors") continue;
    ++files;
    EXPECT_TRUE(expected.contains(f.path().filename().string())) << f.path();
  }
  EXPECT_EQ(files, expected.size());
}

class SafetensorsFixture : public testing::TestWithParam<std::string> {};

TEST_P(SafetensorsFixture, MatchesWhatTheWriterWrote) {
  const nlohmann::json want = load_expected().at(GetParam());
  const Bytes file = read_fixture(GetParam());
  EXPECT_TRUE(looks_like_safetensors(file) || want.contains("error"));
  if (want.contains("error")) {
    try {
      read_safetensors(file, GetParam());
      ADD_FAILURE() << "read without error; expected " << want["error"];
    } catch (const ReadError& e) {
      EXPECT_EQ(rule_info(e.rule()).code, want["error"].get<std::string>()) << e.what();
    }
    return;
  }
  const Inventory inv = read_safetensors(file, GetParam());
  EXPECT_EQ(inv.properties.at("header_bytes"), std::to_string(want["header_bytes"].get<uint64_t>()));
  EXPECT_EQ(inv.metadata, (want["metadata"].get<std::map<std::string, std::string>>()));
  ASSERT_EQ(inv.tensors.size(), want["tensors"].size());
  for (size_t i = 0; i < inv.tensors.size(); ++i) {
    const TensorEntry& t = inv.tensors[i];
    const nlohmann::json& w = want["tensors"][i];
    SCOPED_TRACE(t.name);
    EXPECT_EQ(t.name, w["name"].get<std::string>());
    EXPECT_EQ(t.shape, w["shape"].get<std::vector<int64_t>>());
    EXPECT_EQ(t.dtype, w["dtype"].get<std::string>());
    ASSERT_TRUE(t.storage.has_value());
    EXPECT_EQ(t.storage->nbytes, w["nbytes"].get<uint64_t>());
  }
  ASSERT_EQ(inv.diagnostics.size(), want["diagnostics"].size());
  for (size_t i = 0; i < inv.diagnostics.size(); ++i) {
    const nlohmann::json& w = want["diagnostics"][i];
    EXPECT_EQ(rule_info(inv.diagnostics[i].rule).code, w["rule"].get<std::string>());
    EXPECT_EQ(severity_name(inv.diagnostics[i].severity), w["severity"].get<std::string>());
    EXPECT_EQ(inv.diagnostics[i].message, w["message"].get<std::string>());
  }
}

// "st_bad_hole.safetensors" -> "StBadHole"
std::string camel_case(const testing::TestParamInfo<std::string>& info) {
  std::string out;
  bool upper = true;
  for (char c : info.param.substr(0, info.param.find('.'))) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SafetensorsFixture, testing::ValuesIn(fixture_names()), camel_case);

}  // namespace
}  // namespace ckptcheck
