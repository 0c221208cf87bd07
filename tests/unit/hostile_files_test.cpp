// Hostile and broken files (tests/fixtures/hostile, described in manifest.json):
// each is refused with the named rule, or read with the named diagnostic, and
// none of them gets its payload run.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ckptcheck/formats/inspect.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

const fs::path kHostile = fs::path(CKPTCHECK_FIXTURES_DIR) / "hostile";

struct Case {
  std::string file, expect, rule;
};

std::vector<Case> manifest() {
  std::ifstream in(kHostile / "manifest.json");
  std::vector<Case> cases;
  for (const auto& e : nlohmann::json::parse(in))
    cases.push_back({e["file"], e["expect"], e["rule"].is_null() ? "" : e["rule"].get<std::string>()});
  return cases;
}

class HostileFile : public ::testing::TestWithParam<Case> {};

TEST_P(HostileFile, IsHandledAsTheManifestSays) {
  const Case& c = GetParam();
  const std::string path = (kHostile / c.file).string();
  if (c.expect == "error") {
    try {
      inspect_file(path);
      FAIL() << c.file << " was read, but must be refused with " << c.rule;
    } catch (const ReadError& e) {
      EXPECT_EQ(rule_info(e.rule()).code, c.rule) << e.what();
      EXPECT_FALSE(std::string(e.what()).empty());
    }
    return;
  }
  Inventory inv = inspect_file(path);
  bool found = false;
  for (const Diagnostic& d : inv.diagnostics) found |= rule_info(d.rule).code == c.rule;
  if (c.expect == "diagnostic") EXPECT_TRUE(found) << c.file << " should report " << c.rule;
  if (c.expect == "ok")
    for (const Diagnostic& d : inv.diagnostics) EXPECT_NE(d.severity, Severity::Error) << d.message;
}

INSTANTIATE_TEST_SUITE_P(Manifest, HostileFile, ::testing::ValuesIn(manifest()), [](const auto& info) {
  std::string n = info.param.file;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

// The evil pickles would run `touch ckptcheck-was-executed` under torch.load.
// Reading them here, from an empty working directory, must leave it empty.
TEST(HostileFiles, ReadingEvilPicklesRunsNothing) {
  fs::path dir = fs::temp_directory_path() / ("ckptcheck-evil-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path previous = fs::current_path();
  fs::current_path(dir);
  size_t evil = 0;
  for (const Case& c : manifest()) {
    if (c.file.rfind("evil_", 0) != 0) continue;
    ++evil;
    Inventory inv = inspect_file((kHostile / c.file).string());
    bool flagged = false;
    for (const Diagnostic& d : inv.diagnostics) flagged |= d.rule == RuleId::UnsafeGlobal;
    EXPECT_TRUE(flagged) << c.file;
  }
  fs::current_path(previous);
  EXPECT_GE(evil, 3u);
  EXPECT_TRUE(fs::is_empty(dir)) << "something was created in " << dir;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ckptcheck
