// The Markdown comment: verdict, table shape, truncation and escaping.
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ckptcheck/report/render.h"
#include "report_samples.h"

namespace ckptcheck {
namespace {

std::vector<std::string> md_lines(const Report& r) {
  std::ostringstream out;
  render_markdown(out, r);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The finding rows: table lines after the header and its delimiter.
std::vector<std::string> rows(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& l : lines)
    if (l.starts_with("| ") && !l.starts_with("| severity |")) out.push_back(l);
  return out;
}

// Cells split at '|' that are not escaped with a backslash.
std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string cell;
  for (size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|' && row[i - 1] != '\\') {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return out;
}

TEST(RenderMarkdown, CleanReportHasAGreenVerdictAndNoTable) {
  auto lines = md_lines(samples::clean());
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(lines[0].starts_with("### ✅ ")) << lines[0];
  EXPECT_TRUE(rows(lines).empty());
}

TEST(RenderMarkdown, ErrorsGiveARedVerdictWithCounts) {
  auto lines = md_lines(samples::breakage());
  EXPECT_TRUE(lines[0].starts_with("### ❌ ")) << lines[0];
  EXPECT_NE(lines[0].find("3 errors, 2 warnings, 1 note"), std::string::npos) << lines[0];
}

TEST(RenderMarkdown, WarningsAloneAreNoBreakage) {
  Report r = samples::breakage();
  std::erase_if(r.findings, [](const Diagnostic& f) { return f.severity == Severity::Error; });
  EXPECT_TRUE(md_lines(r)[0].starts_with("### ✅ "));
}

TEST(RenderMarkdown, ALinePerCheckpointSaysWhatWasChecked) {
  auto lines = md_lines(samples::breakage());
  std::regex checked(R"(- checked `[^`]+` \(.*\) against `NetImpl`)");
  int n = 0;
  for (const std::string& l : lines) n += std::regex_match(l, checked);
  EXPECT_EQ(n, 2);
}

TEST(RenderMarkdown, OneRowPerFindingWithSixCells) {
  Report r = samples::breakage();
  auto table = rows(md_lines(r));
  ASSERT_EQ(table.size(), r.findings.size());
  for (const std::string& row : table) EXPECT_EQ(cells(row).size(), 6u) << row;
}

TEST(RenderMarkdown, RowNamesRuleKeyLocationAsFileLineAndEveryCheckpoint) {
  auto table = rows(md_lines(samples::breakage()));
  auto c = cells(table[0]);  // the CK401 error, in both checkpoints
  ASSERT_EQ(c.size(), 6u);
  EXPECT_NE(c[0].find("error"), std::string::npos);
  EXPECT_EQ(c[1], " CK401 shape-mismatch ");
  EXPECT_EQ(c[2], " `fc1.weight` ");
  EXPECT_NE(c[3].find("fix: construct Net with hidden=128"), std::string::npos);
  EXPECT_EQ(c[4], " `src/net.cpp:12` ");
  EXPECT_EQ(c[5], " `weights.pth`<br>`runs/ckpt 7.pt` ");
}

TEST(RenderMarkdown, AFindingAboutTheFileAloneHasItsCheckpointAndNoLocation) {
  auto table = rows(md_lines(samples::breakage()));
  auto c = cells(table[1]);  // the CK302 error
  ASSERT_EQ(c.size(), 6u);
  EXPECT_EQ(c[1], " CK302 unexpected-key ");
  EXPECT_EQ(c[4], "  ");
  EXPECT_EQ(c[5], " `weights.pth` ");
}

TEST(RenderMarkdown, LongTablesAreCutWithTheErrorsKept) {
  Report r = samples::many(60);  // 60 notes, then one error
  auto lines = md_lines(r);
  auto table = rows(lines);
  ASSERT_EQ(table.size(), kMarkdownMaxRows);
  EXPECT_NE(cells(table[0])[1].find("CK301"), std::string::npos) << "the error comes first";
  EXPECT_EQ(lines.back(), "and 11 more");
}

TEST(RenderMarkdown, ShortTablesAreNotCut) {
  auto lines = md_lines(samples::many(kMarkdownMaxRows - 1));
  EXPECT_EQ(rows(lines).size(), kMarkdownMaxRows);
  for (const std::string& l : lines) EXPECT_FALSE(l.starts_with("and ")) << l;
}

TEST(RenderMarkdown, UntrustedKeysCannotBreakTheTable) {
  Report r = samples::odd_keys();
  auto table = rows(md_lines(r));
  ASSERT_EQ(table.size(), r.findings.size());
  for (const std::string& row : table) {
    auto c = cells(row);
    ASSERT_EQ(c.size(), 6u) << row;
    // In the message, no raw HTML or link syntax from the key reaches the
    // comment (the key cell is a code span, where Markdown is inert).
    EXPECT_FALSE(std::regex_search(c[3], std::regex(R"((^|[^\\])<img)"))) << row;
    EXPECT_FALSE(std::regex_search(c[3], std::regex(R"((^|[^\\])\[link\])"))) << row;
  }
  // A key with backticks keeps its code span whole: a longer fence.
  EXPECT_NE(table[3].find("```pipe\\|back`tick``s```"), std::string::npos) << table[3];
}

TEST(RenderMarkdown, OutputIsValidUtf8WhateverTheKeys) {
  std::ostringstream out;
  render_markdown(out, samples::odd_keys());
  // nlohmann's dump throws on invalid UTF-8 unless told otherwise.
  EXPECT_NO_THROW((void)nlohmann::json(out.str()).dump());
  EXPECT_NE(out.str().find("bad\xef\xbf\xbd\xef\xbf\xbd.utf8"), std::string::npos);  // U+FFFD twice
  EXPECT_EQ(out.str().find("\xc2\x9b"), std::string::npos);                            // C1 CSI gone
}

}  // namespace
}  // namespace ckptcheck
