// The analyzer records which LibTorch loader the analysed code calls (CK601
// compares the checkpoint with that loader). Snippets are parsed with the
// bundled LibTorch declarations, as in interpreter_test.cpp.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ckptcheck/analyzer/analyze.h"
#include "ckptcheck/rules/model_spec_json.h"
#include "ckptcheck/rules/model_spec_text.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

// `torch_include` "" parses with LibTorch's own headers.
ModelSpec analyze_snippet(const std::string& code, const std::string& torch_include = "bundled") {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("ckptcheck-loaders-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  std::ofstream(dir / "model.cpp") << "#include <torch/torch.h>\n" << code;
  AnalyzeOptions options;
  options.files = {(dir / "model.cpp").string()};
  options.torch_include = torch_include;
  options.no_exec = true;  // the parse alone finds loader calls; nothing needs to run
  ModelSpec spec = analyze(options);
  fs::remove_all(dir);
  return spec;
}

// "function line:column" for each recorded call.
std::vector<std::string> loaders(const ModelSpec& spec) {
  std::vector<std::string> out;
  for (const SpecLoader& l : spec.loaders)
    out.push_back(l.function + (l.location ? " " + std::to_string(l.location->line) + ":" +
                                                 std::to_string(l.location->column) : std::string(" ?")));
  return out;
}

// Line 1 of every snippet is the #include; the code starts on line 2.
const char* const kNet = R"(struct NetImpl : torch::nn::Module {
  NetImpl() { fc = register_module("fc", torch::nn::Linear(4, 3)); }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
)";

// torch::jit::load is declared in <torch/script.h>, not <torch/torch.h>.
const char* const kAllLoaders = R"(#include <torch/script.h>
void restore(Net& net) {
  torch::load(net, "w.pt");
  auto m = torch::jit::load("w.pt");
  std::vector<char> bytes;
  auto v = torch::pickle_load(bytes);
  torch::serialize::InputArchive archive;
  archive.load_from("w.pt");
}
)";

TEST(LoaderCalls, FindsEachLoaderWhereItIsCalled) {
  ModelSpec spec = analyze_snippet(std::string(kNet) + kAllLoaders);
  EXPECT_EQ(loaders(spec), (std::vector<std::string>{"torch::load 9:3", "torch::jit::load 10:12",
                                                      "torch::pickle_load 12:12",
                                                      "torch::serialize::InputArchive::load_from 14:3"}));
}

TEST(LoaderCalls, SameCallsWithLibTorchsOwnHeaders) {
  ModelSpec bundled = analyze_snippet(std::string(kNet) + kAllLoaders);
  ModelSpec libtorch = analyze_snippet(std::string(kNet) + kAllLoaders, "");
  if (libtorch.torch_headers == "bundled") GTEST_SKIP() << "LibTorch's headers are not installed";
  EXPECT_EQ(loaders(libtorch), loaders(bundled)) << libtorch.torch_headers;
}

TEST(LoaderCalls, NoneWhenTheCodeLoadsNothing) {
  ModelSpec spec = analyze_snippet(std::string(kNet) + "void save(Net& net) { torch::save(net, \"w.pt\"); }\n");
  EXPECT_TRUE(spec.loaders.empty());
  std::ostringstream json;
  write_model_spec_json(json, spec);
  EXPECT_EQ(json.str().find("\"loaders\""), std::string::npos) << json.str();
}

TEST(LoaderCalls, CallsInsideLambdasAndMethodsCount) {
  ModelSpec spec = analyze_snippet(std::string(kNet) + R"(struct Runner {
  void run(Net& net) {
    auto f = [&] { torch::load(net, "w.pt"); };
    f();
  }
};
)");
  EXPECT_EQ(loaders(spec), (std::vector<std::string>{"torch::load 9:20"}));
}

TEST(LoaderCalls, JsonAndTextNameTheFunctionAndTheCall) {
  ModelSpec spec = analyze_snippet(std::string(kNet) + "void restore(Net& net) { torch::load(net, \"w.pt\"); }\n");
  ASSERT_EQ(spec.loaders.size(), 1u);
  std::ostringstream json, text;
  write_model_spec_json(json, spec);
  write_model_spec_text(text, spec);
  std::string file = spec.loaders[0].location->file;
  EXPECT_NE(json.str().find("\"loaders\":[\n  {\"function\":\"torch::load\",\"location\":{\"file\":\"" + file +
                            "\",\"line\":7,\"column\":26}}]"),
            std::string::npos)
      << json.str();
  EXPECT_NE(text.str().find(file + ":7:26: loads a checkpoint with torch::load\n"), std::string::npos) << text.str();
}

}  // namespace
}  // namespace ckptcheck
