// The streamed JSON (what `ckptcheck inspect --format json` prints) must equal the
// JSON of the whole Inventory for every fixture, and an error met after streaming
// began must still close the JSON object.
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/formats/inventory_output.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

TEST(InventoryStream, StreamedJsonEqualsWholeInventoryJson) {
  size_t files = 0;
  for (const char* dir : {"files", "safetensors"}) {
    for (const auto& e : fs::directory_iterator(fs::path(CKPTCHECK_FIXTURES_DIR) / dir)) {
      if (e.path().extension() == ".json") continue;
      std::string path = e.path().string();
      std::ostringstream whole, streamed;
      try {
        write_inventory_json(whole, inspect_file(path));
      } catch (const ReadError&) {
        EXPECT_THROW({ JsonInventoryWriter w(streamed); inspect_file(path, w); }, ReadError) << path;
        continue;
      }
      JsonInventoryWriter writer(streamed);
      inspect_file(path, writer);
      EXPECT_EQ(streamed.str(), whole.str()) << path;
      ++files;
    }
  }
  EXPECT_GT(files, 30u);
}

TEST(InventoryStream, ErrorAfterFirstTensorClosesTheObject) {
  // A tensor first, then a list nested past the walk limit.
  std::string path = (fs::path(CKPTCHECK_FIXTURES_DIR) / "hostile" / "tensor_then_deep_list.pt").string();
  std::ostringstream out;
  JsonInventoryWriter writer(out);
  ASSERT_NO_THROW(inspect_file(path, writer)) << "the error comes after the first tensor was streamed";
  nlohmann::json j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j["tensors"].size(), 1u);
  EXPECT_EQ(j["tensors"][0]["name"], "a");
  ASSERT_FALSE(j["diagnostics"].empty());
  EXPECT_EQ(j["diagnostics"].back()["severity"], "error");
}

}  // namespace
}  // namespace ckptcheck
