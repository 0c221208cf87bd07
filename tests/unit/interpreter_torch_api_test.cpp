// The static engine's interpreter on the LibTorch API model code calls:
// tensor shape methods and factories, layer options and their getters,
// Sequential subclasses, TORCH_CHECK, initialisation loops and tied weights.
// As in interpreter_test.cpp, expectations follow from LibTorch's contract;
// BothModes also compares with LibTorch's own headers where installed.
#include <gtest/gtest.h>

#include <string>

#include "interpreter_snippet.h"

namespace ckptcheck {
namespace {

TEST(Interpreter, TensorShapeMethods) {
  BothModes s(R"(
struct NetImpl : torch::nn::Module {
  NetImpl(int64_t n) {
    auto pos = torch::arange(n);
    register_buffer("mask", torch::ones({n, n}).tril().view({1, 1, n, n}));
    register_buffer("upper", torch::triu(torch::ones({n, 3})));
    register_buffer("ids", pos.expand({1, -1}));
    register_buffer("types", torch::zeros(pos.sizes(), torch::kLong));
    register_buffer("dims", torch::zeros({pos.size(0), pos.size(-1) + 1, pos.dim(), pos.numel()}));
    auto grid = torch::zeros({4, 10, 6});
    register_buffer("s1", grid.slice(1, 2, 7));
    register_buffer("s2", grid.slice(2, -4));
    register_buffer("s3", grid.slice(0, 1, 100));
    register_buffer("s4", grid.slice(1, 0, 10, 3));
    register_buffer("s5", grid.slice(1, 8, 3));
    register_buffer("narrowed", grid.narrow(2, 1, 3).select(0, 1));
    register_buffer("flat", grid.reshape({-1, 12}).to(torch::kFloat64));
  }
};)");
  EXPECT_EQ(s.entries(),
            (Entries{"mask [1, 1, n, n] float32 buffer", "upper [n, 3] float32 buffer", "ids [1, n] int64 buffer",
                     "types [n] int64 buffer", "dims [n, n+1, 1, n] float32 buffer", "s1 [4, 5, 6] float32 buffer",
                     "s2 [4, 10, 4] float32 buffer", "s3 [3, 10, 6] float32 buffer", "s4 [4, 4, 6] float32 buffer",
                     "s5 [4, 0, 6] float32 buffer", "narrowed [10, 3] float32 buffer", "flat [20, 12] float64 buffer"}))
      << s.all_diagnostics();
  EXPECT_EQ(s.all_diagnostics(), "");
}

// torch::tensor(data): the shape of the (nested) list; int64 for integers and
// the default dtype, float32, for floating point, whatever their C++ width.
TEST(Interpreter, TensorFromData) {
  BothModes s(R"(
const std::vector<float> kAnchors = {10, 13, 16, 30, 33, 23};
struct NetImpl : torch::nn::Module {
  NetImpl() {
    register_buffer("anchors", torch::tensor(kAnchors).view({3, 2}));
    register_buffer("strides", torch::tensor({8.0, 16.0, 32.0}));
    register_buffer("pairs", torch::tensor({{1, 2, 3}, {4, 5, 6}}));
    register_buffer("wide", torch::tensor({1, 2}, torch::kFloat64));
    std::vector<int64_t> steps = {1, 2, 3, 4, 5};
    register_buffer("steps", torch::tensor(steps));
  }
};)");
  EXPECT_EQ(s.entries(), (Entries{"anchors [3, 2] float32 buffer", "strides [3] float32 buffer",
                                  "pairs [2, 3] int64 buffer", "wide [2] float64 buffer", "steps [5] int64 buffer"}))
      << s.all_diagnostics();
  EXPECT_EQ(s.all_diagnostics(), "");
}

// An option set to a value the analyzer cannot know does not lose a layer
// whose tensors do not depend on it (a conv's padding, dilation); one they do
// depend on (groups, in_features) gives a CK501 naming it, never silence.
TEST(Interpreter, UnknownOptionsOnlyMatterWhenTheShapesDependOnThem) {
  BothModes s(R"(
struct NetImpl : torch::nn::Module {
  NetImpl() {
    int64_t p = 1;
    std::cin >> p;
    a = register_module("a", torch::nn::Conv1d(torch::nn::Conv1dOptions(8, 8, 3).padding(p).dilation(p)));
    b = register_module("b", torch::nn::Conv1d(torch::nn::Conv1dOptions(8, 8, 3).groups(p)));
    c = register_module("c", torch::nn::Linear(p, 3));
    d = register_module("d", torch::nn::Linear(4, 3));
  }
  torch::nn::Conv1d a{nullptr}, b{nullptr};
  torch::nn::Linear c{nullptr}, d{nullptr};
};)");
  EXPECT_EQ(s.entries(), (Entries{"a.weight [8, 8, 3] float32 parameter", "a.bias [8] float32 parameter",
                                  "d.weight [3, 4] float32 parameter", "d.bias [3] float32 parameter"}))
      << s.all_diagnostics();
  EXPECT_TRUE(s.reports("option 'groups' of torch::nn::Conv1d")) << s.all_diagnostics();
  EXPECT_TRUE(s.reports("argument 1 ('in_features') of torch::nn::Linear")) << s.all_diagnostics();
  EXPECT_FALSE(s.reports("padding")) << s.all_diagnostics();
  EXPECT_FALSE(s.reports("dilation")) << s.all_diagnostics();
}

// Getters of a layer's options read what was given, also positionally, on a
// copy passed by value (torchvision's BasicConv2d), through an alias.
TEST(Interpreter, OptionsGettersReadPositionalArguments) {
  BothModes s(R"(
using Options = torch::nn::Conv2dOptions;
struct BasicConvImpl : torch::nn::Module {
  explicit BasicConvImpl(Options options) {
    options.bias(false);
    conv = register_module("conv", torch::nn::Conv2d(options));
    bn = register_module("bn", torch::nn::BatchNorm2d(options.out_channels()));
  }
  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(BasicConv);
struct NetImpl : torch::nn::Module {
  NetImpl() { stem = register_module("stem", BasicConv(Options(3, 32, 3).stride(2))); }
  BasicConv stem{nullptr};
};)");
  EXPECT_EQ(s.entries(),
            (Entries{"stem.conv.weight [32, 3, 3, 3] float32 parameter", "stem.bn.weight [32] float32 parameter",
                     "stem.bn.bias [32] float32 parameter", "stem.bn.running_mean [32] float32 buffer",
                     "stem.bn.running_var [32] float32 buffer", "stem.bn.num_batches_tracked [] int64 buffer"}))
      << s.all_diagnostics();
  EXPECT_EQ(s.all_diagnostics(), "");
}

// A class deriving from SequentialImpl is a Sequential: push_back in its own
// constructor or through its holder registers "0", "1", ... (or the name given).
TEST(Interpreter, SubclassesOfSequential) {
  BothModes s(R"(
struct ConvBNImpl : torch::nn::SequentialImpl {
  ConvBNImpl(int64_t in, int64_t out) {
    push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).bias(false)));
    this->push_back(torch::nn::BatchNorm2d(out));
  }
};
TORCH_MODULE(ConvBN);
struct StackImpl : torch::nn::SequentialImpl {
  using SequentialImpl::SequentialImpl;
};
TORCH_MODULE(Stack);
struct NetImpl : torch::nn::Module {
  NetImpl() {
    stem = register_module("stem", ConvBN(3, 8));
    Stack stage;
    stage->push_back(torch::nn::Linear(3, 4));
    stage->push_back("out", torch::nn::Linear(4, 2));
    register_module("stage", stage);
  }
  ConvBN stem{nullptr};
};)");
  EXPECT_EQ(s.entries(),
            (Entries{"stem.0.weight [8, 3, 3, 3] float32 parameter", "stem.1.weight [8] float32 parameter",
                     "stem.1.bias [8] float32 parameter", "stage.0.weight [4, 3] float32 parameter",
                     "stage.0.bias [4] float32 parameter", "stage.out.weight [2, 4] float32 parameter",
                     "stage.out.bias [2] float32 parameter", "stem.1.running_mean [8] float32 buffer",
                     "stem.1.running_var [8] float32 buffer", "stem.1.num_batches_tracked [] int64 buffer"}))
      << s.all_diagnostics();
  EXPECT_EQ(s.all_diagnostics(), "");
}

// TORCH_CHECK: a condition known to hold says nothing, one over symbols says
// which arguments the model accepts (nothing to report either), one known to
// fail means the constructor throws: a CK501.
TEST(Interpreter, TorchCheck) {
  const char* code = R"(
struct NetImpl : torch::nn::Module {
  NetImpl(int64_t dim, int64_t heads = 4) {
    TORCH_CHECK(dim % heads == 0, "dim must be divisible by heads, got ", dim);
    TORCH_CHECK(heads > 0);
    fc = register_module("fc", torch::nn::Linear(dim, dim / heads));
  }
  torch::nn::Linear fc{nullptr};
};)";
  BothModes holds(code, {{"dim", "8"}});
  EXPECT_EQ(holds.entries(), (Entries{"fc.weight [2, 8] float32 parameter", "fc.bias [2] float32 parameter"}));
  EXPECT_EQ(holds.all_diagnostics(), "");
  BothModes symbolic(code);
  EXPECT_EQ(symbolic.entries(),
            (Entries{"fc.weight [dim/4, dim] float32 parameter", "fc.bias [dim/4] float32 parameter"}));
  EXPECT_EQ(symbolic.all_diagnostics(), "");
  BothModes fails(code, {{"dim", "6"}});
  EXPECT_TRUE(fails.reports("TORCH_CHECK fails")) << fails.all_diagnostics();
}

// Weight initialisation registers nothing: loops over modules() or
// named_parameters() that only initialise, init functions and in-place fills
// on existing tensors give no CK501. A loop that may register still does, and
// what a skipped loop changes is unknown afterwards.
TEST(Interpreter, InitialisationLoopsAreNotMissingRegistrations) {
  BothModes s(R"(
struct NetImpl : torch::nn::Module {
  NetImpl() {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 8, 3)));
    fc = register_module("fc", torch::nn::Linear(8, 2));
    for (auto& m : modules(/*include_self=*/false)) {
      if (auto* c = m->as<torch::nn::Conv2d>())
        torch::nn::init::kaiming_normal_(c->weight, 0, torch::kFanOut, torch::kReLU);
      else if (auto* l = dynamic_cast<torch::nn::LinearImpl*>(m.get()))
        torch::nn::init::constant_(l->bias, 0);
    }
    for (auto& p : named_parameters())
      if (p.key().find("bias") != std::string::npos) torch::nn::init::zeros_(p.value());
    conv->weight.normal_(0, 0.01);
    fc->weight.data().normal_();
    torch::nn::init::xavier_uniform_(fc->weight);
    torch::nn::init::zeros_(fc->bias);
  }
  torch::nn::Conv2d conv{nullptr};
  torch::nn::Linear fc{nullptr};
};)");
  EXPECT_EQ(s.entries(), (Entries{"conv.weight [8, 3, 3, 3] float32 parameter", "conv.bias [8] float32 parameter",
                                  "fc.weight [2, 8] float32 parameter", "fc.bias [2] float32 parameter"}));
  EXPECT_EQ(s.all_diagnostics(), "");

  BothModes registers(R"(
struct NetImpl : torch::nn::Module {
  NetImpl() {
    fc = register_module("fc", torch::nn::Linear(8, 2));
    int64_t n = 0;
    for (auto& m : children()) ++n;
    register_buffer("count", torch::zeros({n}));
    for (auto& m : children()) register_module("copy", m);
  }
  torch::nn::Linear fc{nullptr};
};)");
  EXPECT_EQ(registers.entries(), (Entries{"fc.weight [2, 8] float32 parameter", "fc.bias [2] float32 parameter"}));
  EXPECT_EQ(registers.bundled.messages(RuleId::AnalysisIncomplete).size(), 2u) << registers.all_diagnostics();
  EXPECT_TRUE(registers.reports("registrations inside it are missing")) << registers.all_diagnostics();
}

// decoder->weight.set_(embedding->weight) ties the weights (LibTorch keeps both
// names registered, on one storage, with the embedding's shape): the entry
// records which one it shares, so a checkpoint saved with one name is no breakage.
TEST(Interpreter, SetTiesRegisteredTensors) {
  BothModes s(R"(struct LmImpl : torch::nn::Module {
  LmImpl() {
    embedding = register_module("embedding", torch::nn::Embedding(40, 12));
    decoder = register_module("decoder", torch::nn::Linear(12, 40));
    torch::NoGradGuard no_grad;
    decoder->weight.set_(embedding->weight);
  }
  torch::nn::Embedding embedding{nullptr};
  torch::nn::Linear decoder{nullptr};
};
TORCH_MODULE(Lm);
)");
  EXPECT_EQ(s.all_diagnostics(), "");
  std::vector<std::string> tied;
  for (const SpecEntry& e : s.bundled.spec.entries)
    if (!e.alias_of.empty()) tied.push_back(e.name + " -> " + e.alias_of);
  EXPECT_EQ(tied, (std::vector<std::string>{"decoder.weight -> embedding.weight"}));
  for (const SpecEntry& e : s.libtorch.spec.entries)
    if (e.name == "decoder.weight") EXPECT_EQ(e.alias_of, "embedding.weight");
}

}  // namespace
}  // namespace ckptcheck
