// Every rule in the catalog has a documentation page with the fixed sections, in
// docs/rules/ and in the copy embedded in the binary, and no page documents a rule
// the catalog does not have.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ckptcheck/rules/catalog.h"
#include "ckptcheck/rules/rule_docs.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

const fs::path kDocsDir = CKPTCHECK_RULE_DOCS_DIR;

// The sections every page has, in this order (see README: docs/rules/).
const std::vector<std::string> kSections = {"## What it finds", "## Why it matters", "## Example",
                                            "## How to fix", "## Exceptions"};

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What is wrong with a page for `rule`; empty when nothing is.
std::vector<std::string> page_problems(const RuleInfo& rule, std::string_view markdown) {
  std::vector<std::string> problems;
  std::vector<std::string> lines = lines_of(markdown);
  std::string title = "# " + std::string(rule.code) + " " + std::string(rule.name);
  if (lines.empty() || lines.front() != title)
    problems.push_back("the first line is not '" + title + "'");
  if (lines.size() < 30 || lines.size() > 70)
    problems.push_back("has " + std::to_string(lines.size()) + " lines, not 30-70");

  // Headings outside fenced code blocks, and how many non-blank lines follow each.
  std::vector<std::string> headings;
  std::vector<int> body_lines;
  bool in_fence = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.rfind("```", 0) == 0) in_fence = !in_fence;
    if (!in_fence && line.rfind("#", 0) == 0) {
      headings.push_back(line);
      body_lines.push_back(0);
    } else if (!body_lines.empty() && line.find_first_not_of(' ') != std::string::npos) {
      ++body_lines.back();
    }
  }
  if (headings != kSections) {
    std::string got;
    for (const std::string& h : headings) got += "'" + h + "' ";
    problems.push_back("sections are " + got + "instead of the five required ones in order");
  }
  for (size_t i = 0; i < headings.size(); ++i)
    if (body_lines[i] == 0) problems.push_back("section '" + headings[i] + "' is empty");
  return problems;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// docs/rules/*.md by file name without ".md".
std::map<std::string, std::string> pages_on_disk() {
  std::map<std::string, std::string> pages;
  for (const fs::directory_entry& e : fs::directory_iterator(kDocsDir))
    if (e.path().extension() == ".md") pages[e.path().stem().string()] = read_file(e.path());
  return pages;
}

// A page for CK401 that satisfies every requirement, to break one at a time.
std::string good_page() {
  std::string page = "# CK401 shape-mismatch\n";
  for (const std::string& section : kSections) page += "\n" + section + "\n\n" + "text\nmore\n\nmore\n";
  return page;
}

TEST(RuleDocs, PageCheckAcceptsAWellFormedPage) {
  EXPECT_EQ(page_problems(rule_info(RuleId::ShapeMismatch), good_page()), std::vector<std::string>{});
}

TEST(RuleDocs, PageCheckRejectsEachKindOfBrokenPage) {
  const RuleInfo& rule = rule_info(RuleId::ShapeMismatch);
  auto replaced = [](std::string page, const std::string& from, const std::string& to) {
    page.replace(page.find(from), from.size(), to);
    return page;
  };
  std::string good = good_page();
  std::map<std::string, std::string> broken = {
      {"another code in the title", replaced(good, "# CK401 shape-mismatch", "# CK402 shape-mismatch")},
      {"another name in the title", replaced(good, "# CK401 shape-mismatch", "# CK401 dtype-mismatch")},
      {"a missing section", replaced(good, "## Exceptions\n", "")},
      {"sections out of order",
       replaced(replaced(replaced(good, "## Example\n", "@@\n"), "## How to fix\n", "## Example\n"), "@@\n",
                "## How to fix\n")},
      {"an empty section", replaced(good, "## How to fix\n\ntext\nmore\n\nmore\n", "## How to fix\n\n")},
      {"a heading only inside a code block", replaced(good, "## Exceptions\n", "```\n## Exceptions\n```\n")},
      {"too short", "# CK401 shape-mismatch\n## What it finds\nx\n## Why it matters\nx\n## Example\nx\n"
                    "## How to fix\nx\n## Exceptions\nx\n"},
  };
  for (const auto& [what, page] : broken) EXPECT_FALSE(page_problems(rule, page).empty()) << what;
}

TEST(RuleDocs, EveryRuleHasAWellFormedPageOnDisk) {
  for (const RuleInfo& rule : all_rules()) {
    fs::path path = kDocsDir / (std::string(rule.code) + ".md");
    ASSERT_TRUE(fs::exists(path)) << rule.code << " has no page " << path;
    for (const std::string& problem : page_problems(rule, read_file(path))) ADD_FAILURE() << path << ": " << problem;
  }
}

TEST(RuleDocs, EveryPageOnDiskDocumentsARuleOfTheCatalog) {
  std::map<std::string, std::string> pages = pages_on_disk();
  EXPECT_FALSE(pages.empty()) << kDocsDir;
  for (const auto& [stem, text] : pages) {
    std::optional<RuleId> id = find_rule(stem);
    EXPECT_TRUE(id && rule_info(*id).code == stem) << kDocsDir / (stem + ".md") << " is not named after a rule code";
  }
}

TEST(RuleDocs, EmbeddedPagesAreExactlyThePagesOnDisk) {
  std::map<std::string, std::string> on_disk = pages_on_disk();
  std::map<std::string, std::string> embedded;
  for (const RuleDocument& doc : embedded_rule_documents())
    embedded[std::string(doc.file_stem)] = std::string(doc.markdown);
  // The same set of pages (none missing, none stray) ...
  std::vector<std::string> disk_names, embedded_names;
  for (const auto& [stem, text] : on_disk) disk_names.push_back(stem);
  for (const auto& [stem, text] : embedded) embedded_names.push_back(stem);
  EXPECT_EQ(embedded_names, disk_names) << "rebuild after adding or removing a page";
  // ... with the same bytes, so the build embedded the current text unmangled.
  for (const auto& [stem, text] : embedded)
    if (on_disk.count(stem)) EXPECT_TRUE(text == on_disk[stem]) << stem << ": the embedded page differs from the file";
}

TEST(RuleDocs, EveryEmbeddedPageDocumentsARuleOfTheCatalog) {
  for (const RuleDocument& doc : embedded_rule_documents()) {
    std::optional<RuleId> id = find_rule(doc.file_stem);
    EXPECT_TRUE(id && rule_info(*id).code == doc.file_stem) << "embedded page '" << doc.file_stem
                                                            << "' is not named after a rule code";
  }
}

TEST(RuleDocs, EveryRuleFindsItsEmbeddedPage) {
  for (const RuleInfo& rule : all_rules()) {
    std::string_view page = rule_documentation(rule.id);
    EXPECT_TRUE(page_problems(rule, page).empty()) << rule.code << " has no well-formed embedded page";
  }
}

}  // namespace
}  // namespace ckptcheck
