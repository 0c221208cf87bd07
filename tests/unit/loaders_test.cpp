// CK601's table predicted from the Inventory against what the real loaders do
// with the same files (tests/loaders/expected_loaders.json, written by running
// torch 1.13.1 and LibTorch 1.13.1; the expected_loaders_come_from_the_loaders
// test keeps it current).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/match/loaders.h"
#include "rules/CK601_loader_format.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = CKPTCHECK_FIXTURES_DIR;

fs::path fixture(const std::string& name) {
  fs::path p = kFixtures / "files" / name;
  return fs::exists(p) ? p : kFixtures / "safetensors" / name;
}

nlohmann::json expected_loaders() {
  std::ifstream in(fs::path(CKPTCHECK_LOADERS_DIR) / "expected_loaders.json");
  return nlohmann::json::parse(in);
}

// Pairs whose exact error text depends on more than the file: only the part
// before it is compared, and why is said here.
const std::map<std::pair<std::string, std::string>, std::string> kPrefixOnly = {
    // The message ends with the path of the script that called torch.load.
    {{"model_main.pt", "torch.load"}, "AttributeError: Can't get attribute 'SimpleModel' on <module '__main__' from '"},
};

TEST(LoaderSupport, AgreesWithTheRealLoadersOnEveryFixture) {
  nlohmann::json truth = expected_loaders();
  ASSERT_GE(truth.size(), 28u);
  for (const auto& file : truth) {
    std::string name = file["file"];
    Inventory inv = inspect_file(fixture(name).string());
    std::vector<LoaderSupport> table = loader_support(inv);
    ASSERT_EQ(table.size(), loader_names().size()) << name;
    for (size_t i = 0; i < table.size(); ++i) {
      const LoaderSupport& got = table[i];
      ASSERT_EQ(got.loader, loader_names()[i]);
      const auto& want = file["loaders"][got.loader];
      SCOPED_TRACE(name + " / " + got.loader);
      EXPECT_EQ(got.reads, want["reads"].get<bool>()) << got.note;
      if (!got.reads) {
        std::string error = want["error"];
        auto prefix = kPrefixOnly.find({name, got.loader});
        if (prefix != kPrefixOnly.end()) {
          ASSERT_EQ(error.rfind(prefix->second, 0), 0u) << "the documented prefix no longer matches: " << error;
          EXPECT_EQ(got.note.rfind(prefix->second, 0), 0u) << got.note;
        } else {
          EXPECT_EQ(got.note, error);
        }
      } else if (want.contains("warning")) {
        EXPECT_NE(got.note.find(want["warning"].get<std::string>()), std::string::npos) << got.note;
      }
    }
  }
}

TEST(LoaderSupport, TorchLoadNoteSaysWhatItDoesSilently) {
  // The behaviours tests/loaders/conversion_test.py shows LibTorch has.
  Inventory inv = inspect_file(fixture("cpp_module.pt").string());
  const LoaderSupport& s = loader_support(inv)[3];
  ASSERT_EQ(s.loader, "torch::load");
  EXPECT_TRUE(s.reads);
  EXPECT_NE(s.note.find("No such serialized tensor"), std::string::npos) << s.note;
  EXPECT_NE(s.note.find("ignores entries the module does not have"), std::string::npos) << s.note;
  EXPECT_NE(s.note.find("another shape or dtype without a word"), std::string::npos) << s.note;
}

TEST(LoaderSupport, UnreadableFileHasNoTable) { EXPECT_TRUE(loader_support(Inventory{}).empty()); }

TEST(LoaderFinding, PythonStateDictUnderTorchLoad) {
  Inventory inv = inspect_file(fixture("sd_zip.pt").string());
  Location call{"src/main.cpp", 12, 3};
  std::optional<Diagnostic> f = loader_finding(inv, "torch::load", call);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->rule, RuleId::LoaderFormat);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_EQ(f->message, "'torch::load' cannot read '" + inv.file +
                            "', a state dict written by torch.save: it throws \"PytorchStreamReader failed locating "
                            "file constants.pkl: file not found\"");
  ASSERT_TRUE(f->location);
  EXPECT_EQ(f->location->line, 12);
  EXPECT_EQ(f->checkpoint, inv.file);
  // The recipe conversion_test.py runs.
  EXPECT_NE(f->fix.find("torch.jit.script(tree).save(new_path)"), std::string::npos) << f->fix;
}

TEST(LoaderFinding, InputArchiveLoadFromIsTorchLoadsReader) {
  Inventory inv = inspect_file(fixture("sd_legacy.pt").string());
  std::optional<Diagnostic> f = loader_finding(inv, "torch::serialize::InputArchive::load_from", std::nullopt);
  ASSERT_TRUE(f);
  EXPECT_NE(f->message.find("failed finding central directory"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("legacy (pre-1.6) format"), std::string::npos) << f->message;
}

TEST(LoaderFinding, PickleLoadFixIsThePlainDictResave) {
  Inventory inv = inspect_file(fixture("ckpt_train.pt").string());
  std::optional<Diagnostic> f = loader_finding(inv, "torch::pickle_load", std::nullopt);
  ASSERT_TRUE(f);
  EXPECT_NE(f->message.find("Expected GenericDict but got None"), std::string::npos) << f->message;
  EXPECT_NE(f->fix.find("torch.save({k: v.detach() for k, v in torch.load(path)['model_state_dict'].items()}, new_path)"),
            std::string::npos)
      << f->fix;
}

TEST(LoaderFinding, NoneWhenTheLoaderReadsTheFile) {
  Inventory inv = inspect_file(fixture("ts_script.pt").string());
  EXPECT_FALSE(loader_finding(inv, "torch::load", std::nullopt));
  EXPECT_FALSE(loader_finding(inv, "torch::jit::load", std::nullopt));
  EXPECT_TRUE(loader_finding(inv, "torch::pickle_load", std::nullopt));
}

TEST(LoaderFinding, NoneForAnUnknownLoader) {
  Inventory inv = inspect_file(fixture("sd_zip.pt").string());
  EXPECT_FALSE(loader_finding(inv, "my::load", std::nullopt));
}

}  // namespace
}  // namespace ckptcheck
