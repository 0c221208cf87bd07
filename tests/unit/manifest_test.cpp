// Manifests (ckptcheck/formats/manifest.h): what a checkpoint's manifest reads
// back as must be the checkpoint's own inventory, field for field, for every
// fixture; and a JSON file that is not a valid manifest is refused with its
// JSON path, never half-read.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/formats/manifest.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::span<const uint8_t> bytes_of(const std::string& text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

std::string manifest_text(const Inventory& inv, const CheckpointFacts& facts) {
  std::ostringstream out;
  write_manifest(out, inv, facts, "ckptcheck test");
  return out.str();
}

// The message of the ReadError reading `text` as a manifest throws; "" when it reads.
std::string refusal(const std::string& text, RuleId expected_rule = RuleId::UnreadableFile) {
  try {
    read_manifest(bytes_of(text), "m.json");
  } catch (const ReadError& e) {
    EXPECT_EQ(e.rule(), expected_rule) << e.what();
    return e.what();
  }
  return "";
}

std::vector<fs::path> readable_fixtures() {
  std::vector<fs::path> out;
  for (const char* dir : {"files", "hostile", "safetensors"})
    for (const auto& entry : fs::directory_iterator(fs::path(CKPTCHECK_FIXTURES_DIR) / dir)) {
      std::string ext = entry.path().extension().string();
      if (ext == ".json" || ext == ".py" || ext == ".md") continue;
      try {
        inspect_file(entry.path().string());
        out.push_back(entry.path());
      } catch (const ReadError&) {  // unreadable: nothing to make a manifest of
      }
    }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Manifest, ReadsBackAsTheCheckpointsInventoryForEveryFixture) {
  std::vector<fs::path> fixtures = readable_fixtures();
  ASSERT_GT(fixtures.size(), 40u);
  for (const fs::path& path : fixtures) {
    Inventory original = inspect_file(path.string());
    CheckpointFacts facts{path.filename().string(), fs::file_size(path), std::string(64, 'a')};
    Inventory read = read_manifest(bytes_of(manifest_text(original, facts)), "w.ckpt.json");
    ASSERT_TRUE(read.stand_in) << path;
    EXPECT_EQ(read.stand_in->kind, "manifest");
    EXPECT_EQ(read.stand_in->of, facts.file);
    EXPECT_EQ(read.stand_in->size, facts.size);
    EXPECT_EQ(read.stand_in->sha256, facts.sha256);
    EXPECT_EQ(read.file, "w.ckpt.json");
    read.file = original.file;
    read.stand_in = original.stand_in;
    EXPECT_TRUE(read == original) << path << " reads back differently";
  }
}

TEST(Manifest, IsFoundByTheReaderWhereverACheckpointIs) {
  std::string path = std::string(CKPTCHECK_FIXTURES_DIR) + "/files/sd_zip.pt";
  Inventory original = inspect_file(path);
  std::string text = manifest_text(original, {"sd_zip.pt", 1, ""});
  Inventory read = inspect_bytes(bytes_of(text), "sd_zip.ckpt.json");
  ASSERT_TRUE(read.stand_in);
  EXPECT_EQ(read.tensors, original.tensors);
}

TEST(Manifest, RefusesJsonThatIsNotAManifestBySayingWhatItIs) {
  EXPECT_NE(refusal(R"({"schema":"ckptcheck/inventory/v1","file":"w.pt","tensors":[{"name":"a"}]})")
                .find("an 'inspect --format json' listing, not a manifest"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"schema":"ckptcheck/manifest/v2"})", RuleId::UnsupportedFormat)
                .find("a manifest of schema 'ckptcheck/manifest/v2', which this ckptcheck does not read"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"tensors":[{"name":"a"}],"schema":"something/else"})")
                .find("a JSON text file, not a checkpoint or a ckptcheck manifest"),
            std::string::npos);
  EXPECT_NE(refusal(R"([1, 2])").find("a JSON text file, not a checkpoint"), std::string::npos);
  EXPECT_NE(refusal(R"({"schema":"ckptcheck/manifest/v1",)").find("not valid JSON"), std::string::npos);
}

// A manifest of sd_zip.pt with one part replaced.
json valid_manifest() {
  Inventory inv = inspect_file(std::string(CKPTCHECK_FIXTURES_DIR) + "/files/sd_zip.pt");
  return json::parse(manifest_text(inv, {"sd_zip.pt", 10, std::string(64, '0')}));
}

TEST(Manifest, NamesTheJsonPathOfTheFirstProblem) {
  json m = valid_manifest();
  m["tensors"][1]["shape"][0] = -3;
  EXPECT_NE(refusal(m.dump()).find("tensors[1].shape[0]: expected an integer from 0"), std::string::npos);
  m = valid_manifest();
  m["tensors"][0].erase("dtype");
  EXPECT_NE(refusal(m.dump()).find("tensors[0]: missing 'dtype'"), std::string::npos);
  m = valid_manifest();
  m["loader_facts"]["pickle_protocol"] = "2";
  EXPECT_NE(refusal(m.dump()).find("loader_facts.pickle_protocol: expected an integer"), std::string::npos);
  m = valid_manifest();
  m["format"] = "onnx";
  EXPECT_NE(refusal(m.dump()).find("format: 'onnx' is not one of"), std::string::npos);
  m = valid_manifest();
  m["diagnostics"] = json::array({{{"id", "CK999"}}});
  EXPECT_NE(refusal(m.dump()).find("diagnostics[0]"), std::string::npos);
  m = valid_manifest();
  m.erase("loader_facts");
  EXPECT_NE(refusal(m.dump()).find("missing 'loader_facts'"), std::string::npos);
}

TEST(Manifest, ReadsAManifestWhoseKeysWereReordered) {
  // nlohmann::json sorts keys: "checkpoint", "content", ..., "schema", "state_dicts", "tensors".
  std::string sorted = valid_manifest().dump();
  ASSERT_LT(sorted.find("\"checkpoint\""), sorted.find("\"schema\""));
  EXPECT_EQ(refusal(sorted), "");
}

TEST(Manifest, RefusesAKeyGivenTwiceAndDeepNesting) {
  std::string text = valid_manifest().dump();
  std::string twice = text.substr(0, text.size() - 1) + R"(,"tensors":[]})";
  EXPECT_NE(refusal(twice).find("the key 'tensors' appears twice in one object"), std::string::npos);
  std::string deep =
      R"({"schema":"ckptcheck/manifest/v1","made_by":)" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_NE(refusal(deep).find("nested deeper than"), std::string::npos);
}

// The safetensors file that ends where its header does lists what the whole
// file would: the same inventory, standing in for it.
TEST(Manifest, AHeaderOnlySafetensorsFileIsReadAsTheFullFile) {
  std::string path = std::string(CKPTCHECK_FIXTURES_DIR) + "/safetensors/st_valid.safetensors";
  std::ifstream in(path, std::ios::binary);
  std::string full((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  uint64_t header_bytes = 0;
  for (int i = 7; i >= 0; --i) header_bytes = header_bytes << 8 | static_cast<uint8_t>(full[i]);
  std::string cut = full.substr(0, 8 + header_bytes);
  Inventory whole = inspect_bytes(bytes_of(full), "st.safetensors");
  Inventory header = inspect_bytes(bytes_of(cut), "st.safetensors");
  ASSERT_TRUE(header.stand_in);
  EXPECT_EQ(header.stand_in->kind, "safetensors header");
  EXPECT_EQ(header.stand_in->size, full.size());
  EXPECT_FALSE(whole.stand_in);
  header.stand_in.reset();
  EXPECT_TRUE(header == whole);
  // Cut anywhere else, the file is still truncated.
  EXPECT_THROW(inspect_bytes(bytes_of(full.substr(0, 8 + header_bytes + 1)), "st.safetensors"), ReadError);
}

TEST(Manifest, AHeaderOnlySafetensorsFileMustStillTileItsDeclaredData) {
  std::string header =
      R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})";
  std::string file(8, '\0');
  for (int i = 0; i < 8; ++i) file[i] = static_cast<char>((header.size() >> (8 * i)) & 0xff);
  file += header;
  try {
    inspect_bytes(bytes_of(file), "holes.safetensors");
    FAIL() << "a hole in the declared data was accepted";
  } catch (const ReadError& e) {
    EXPECT_NE(std::string(e.what()).find("a hole between 'a' and 'b'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ckptcheck
