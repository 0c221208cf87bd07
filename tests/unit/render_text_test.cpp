// The text report: line structure, where each line points, colours, and the
// summary. Expectations are about the shape of lines, not a snapshot.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ckptcheck/report/render.h"
#include "report_samples.h"

namespace ckptcheck {
namespace {

std::vector<std::string> text_lines(const Report& r, RenderOptions o = {}) {
  std::ostringstream out;
  render_text(out, r, o);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string text(const Report& r, RenderOptions o = {}) {
  std::ostringstream out;
  render_text(out, r, o);
  return out.str();
}

// The index of the first line that matches, or -1.
int find_line(const std::vector<std::string>& lines, const std::string& pattern) {
  std::regex re(pattern);
  for (size_t i = 0; i < lines.size(); ++i)
    if (std::regex_match(lines[i], re)) return static_cast<int>(i);
  return -1;
}

std::string strip_ansi(const std::string& s) { return std::regex_replace(s, std::regex("\x1b\\[[0-9;]*m"), ""); }

TEST(RenderText, CleanReportSaysWhatWasCheckedAndThatNothingBroke) {
  auto lines = text_lines(samples::clean());
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines.front(), "checking weights.pth (torch-zip state_dict, 4 entries) against NetImpl");
  EXPECT_EQ(lines.back(), "no breakage found: 1 checkpoint matches NetImpl");
}

TEST(RenderText, SymbolsSayWhereEachValueCameFrom) {
  auto lines = text_lines(samples::clean());
  int i = find_line(lines, "symbols: .*");
  ASSERT_GE(i, 0);
  const std::string& s = lines[i];
  EXPECT_NE(s.find("hidden=768 (from the checkpoint; the code's default is 512)"), std::string::npos) << s;
  EXPECT_NE(s.find("layers=2 (from --arg)"), std::string::npos) << s;
  EXPECT_NE(s.find("heads=8 (the code's default)"), std::string::npos) << s;
  EXPECT_NE(s.find("vocab unknown"), std::string::npos) << s;
}

TEST(RenderText, NamesWhereTheStateDictWasFound) {
  auto lines = text_lines(samples::breakage());
  EXPECT_GE(find_line(lines, R"(checking runs/ckpt 7\.pt \(torch-zip checkpoint, state dict at 'model_state_dict', 4 entries\) against NetImpl)"), 0);
}

TEST(RenderText, ErrorWithLocationPointsAtTheSourceThenNotesAtTheCheckpoint) {
  auto lines = text_lines(samples::breakage());
  int i = find_line(lines, R"(src/net\.cpp:12:5: error: shape of 'fc1\.weight' differs: .* \[CK401 shape-mismatch\])");
  ASSERT_GE(i, 0);
  ASSERT_LT(i + 4, static_cast<int>(lines.size()));
  EXPECT_EQ(lines[i + 1], "weights.pth: note: the checkpoint's 'fc1.weight' is [128, 784] float32");
  EXPECT_EQ(lines[i + 2], "weights.pth: note: 'Linear(784, hidden)' decides dimension 0: hidden is 64");
  EXPECT_EQ(lines[i + 3], "weights.pth: note: also in runs/ckpt 7.pt");
  EXPECT_EQ(lines[i + 4], "src/net.cpp:12:5: note: fix: construct Net with hidden=128");
}

TEST(RenderText, FindingWithoutLocationPointsAtTheCheckpoint) {
  auto lines = text_lines(samples::breakage());
  EXPECT_GE(find_line(lines, R"(weights\.pth: error: the checkpoint has 'extra\.bias', .* \[CK302 unexpected-key\])"), 0);
}

TEST(RenderText, FindingWithoutLocationOrCheckpointPointsAtTheTool) {
  auto lines = text_lines(samples::breakage());
  int i = find_line(lines, R"(ckptcheck: error: several module classes .* \[CK502 ambiguous-root\])");
  ASSERT_GE(i, 0);
  EXPECT_EQ(lines[i + 1], "ckptcheck: note: fix: pass --class NetImpl or --class HeadImpl");
}

TEST(RenderText, UnknownColumnIsLeftOut) {
  auto lines = text_lines(samples::breakage());
  EXPECT_GE(find_line(lines, R"(src/net\.cpp:20: warning: 'scale' is a parameter .* \[CK307 kind-mismatch\])"), 0);
}

TEST(RenderText, InfoFindingsAreNotes) {
  auto lines = text_lines(samples::breakage());
  EXPECT_GE(find_line(lines, R"(weights\.pth: note: 'bn\.num_batches_tracked' is absent.* \[CK306 legacy-buffer\])"), 0);
}

TEST(RenderText, FindingsKeepTheReportsOrder) {
  Report r = samples::breakage();
  auto lines = text_lines(r);
  int last = -1;
  for (const Diagnostic& f : r.findings) {
    std::string tag = " [" + std::string(rule_info(f.rule).code) + ' ' + std::string(rule_info(f.rule).name) + "]";
    int at = find_line(lines, ".*" + std::regex_replace(tag, std::regex(R"([\[\]])"), R"(\$&)"));
    ASSERT_GT(at, last) << tag;
    last = at;
  }
}

TEST(RenderText, SummaryCountsEachSeverity) {
  Report r = samples::breakage();  // CK401 CK302 CK502 errors, CK307 CK501 warnings, CK306 note
  EXPECT_EQ(text_lines(r).back(), "3 errors, 2 warnings, 1 note in 2 checkpoints");
  r.findings.erase(r.findings.begin() + 1);  // one error less
  r.findings.pop_back();                     // and another
  r.checkpoints.pop_back();
  EXPECT_EQ(text_lines(r).back(), "1 error, 2 warnings, 1 note in 1 checkpoint");
}

TEST(RenderText, SaysWhatTheBaselineHeldAndWhatWasFixedSince) {
  Report r = samples::clean();
  r.baseline = Report::BaselineCounts{".ckptcheck-baseline.json", 3, 1};
  EXPECT_EQ(text_lines(r).back(),
            "no breakage found: 1 checkpoint matches NetImpl (0 errors, 0 warnings, 0 notes, 3 in the baseline, 1 "
            "fixed since)");
  Report broken = samples::breakage();
  broken.baseline = Report::BaselineCounts{".ckptcheck-baseline.json", 2, 0};
  broken.suppressed = 1;
  EXPECT_EQ(text_lines(broken).back(),
            "3 errors, 2 warnings, 1 note in 2 checkpoints (1 suppressed by the configuration, 2 in the baseline, 0 "
            "fixed since)");
}

TEST(RenderText, SaysWhenAManifestStoodInForTheCheckpoint) {
  Report r = samples::clean();
  r.checkpoints[0].file = "weights.ckpt.json";
  r.checkpoints[0].stand_in = StandIn{"manifest", "weights.pth", 21624, std::string(64, 'a')};
  EXPECT_EQ(text_lines(r).front(),
            "checking weights.ckpt.json (a manifest of weights.pth (sha256 aaaaaaaaaaaa...): torch-zip state_dict, 4 "
            "entries) against NetImpl");
}

TEST(RenderText, WarningsAreBreakageOnlyWithWarningsAsErrors) {
  Report r = samples::clean();
  Diagnostic w;
  w.rule = RuleId::KindMismatch;
  w.severity = Severity::Warning;
  w.checkpoint = "weights.pth";
  w.message = "'scale' differs in kind";
  r.findings = {w};
  EXPECT_EQ(text_lines(r).back(), "no breakage found: 1 checkpoint matches NetImpl (0 errors, 1 warning, 0 notes)");
  EXPECT_EQ(text_lines(r, {.warnings_as_errors = true}).back(), "0 errors, 1 warning, 0 notes in 1 checkpoint");
}

TEST(RenderText, SeveralCheckpointsMatch) {
  Report r = samples::clean();
  r.checkpoints.push_back(r.checkpoints.front());
  r.root.clear();
  EXPECT_EQ(text_lines(r).back(), "no breakage found: 2 checkpoints match the model");
}

TEST(RenderText, NoColourMeansNoEscapes) {
  EXPECT_EQ(text(samples::breakage()).find('\x1b'), std::string::npos);
}

TEST(RenderText, ColourPaintsLikeClangAndChangesNothingElse) {
  std::string plain = text(samples::breakage());
  std::string colored = text(samples::breakage(), {.color = true});
  EXPECT_EQ(strip_ansi(colored), plain);
  EXPECT_NE(colored.find("\x1b[1msrc/net.cpp:12:5:\x1b[0m \x1b[1;31merror:\x1b[0m \x1b[1mshape of"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;35mwarning:\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;36mnote:\x1b[0m"), std::string::npos);
}

TEST(RenderText, UntrustedKeysCannotDriveTheTerminal) {
  std::string out = text(samples::odd_keys());
  // The only escape characters are the ones colour would add, and colour is off.
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\x07'), std::string::npos);
  EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos);  // C1 CSI
  EXPECT_NE(out.find(R"(esc\x1b[2Jbell\x07)"), std::string::npos);
  EXPECT_NE(out.find(R"(bad\xff\xfe.utf8)"), std::string::npos);
  EXPECT_NE(out.find("unicode.\xc3\xa9\xe2\x9c\x93"), std::string::npos) << "valid UTF-8 stays readable";
  // A newline in a key must not start a line of its own.
  EXPECT_NE(out.find(R"(new\x0aline\x09tab)"), std::string::npos);
  for (const std::string& line : text_lines(samples::odd_keys()))
    EXPECT_TRUE(std::regex_match(line, std::regex(R"(^(checking |symbols: |weights\.pth: |\d+ errors).*)"))) << line;
}

// want_color reads the environment; each test sets what it needs and restores it.
class WantColor : public ::testing::Test {
 protected:
  void SetUp() override {
    save("NO_COLOR", no_color_);
    save("TERM", term_);
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) GTEST_SKIP() << "no pseudo-terminal here";
    master_ = master;
    tty_ = open(ptsname(master), O_RDWR | O_NOCTTY);
    if (tty_ < 0) GTEST_SKIP() << "cannot open the pseudo-terminal";
    unsetenv("NO_COLOR");
    setenv("TERM", "xterm-256color", 1);
  }
  void TearDown() override {
    restore("NO_COLOR", no_color_);
    restore("TERM", term_);
    if (tty_ >= 0) close(tty_);
    if (master_ >= 0) close(master_);
  }
  static void save(const char* name, std::optional<std::string>& slot) {
    if (const char* v = getenv(name)) slot = v;
  }
  static void restore(const char* name, const std::optional<std::string>& slot) {
    if (slot) setenv(name, slot->c_str(), 1);
    else unsetenv(name);
  }
  std::optional<std::string> no_color_, term_;
  int master_ = -1, tty_ = -1;
};

TEST_F(WantColor, ATerminalGetsColour) { EXPECT_TRUE(want_color(tty_)); }

TEST_F(WantColor, APipeGetsNone) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EXPECT_FALSE(want_color(fds[1]));
  close(fds[0]);
  close(fds[1]);
}

TEST_F(WantColor, NoColorSetDisablesIt) {
  setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(want_color(tty_));
}

TEST_F(WantColor, NoColorEmptyDoesNot) {
  setenv("NO_COLOR", "", 1);
  EXPECT_TRUE(want_color(tty_));
}

TEST_F(WantColor, DumbTerminalGetsNone) {
  setenv("TERM", "dumb", 1);
  EXPECT_FALSE(want_color(tty_));
}

}  // namespace
}  // namespace ckptcheck
