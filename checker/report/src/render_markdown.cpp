// The Markdown report: a compact pull-request comment. Keys and messages come
// from untrusted files, so every string is escaped: a tensor name must not
// close a table cell, start a link or smuggle HTML into the comment.
#include <algorithm>
#include <string>
#include <vector>

#include "ckptcheck/report/render.h"
#include "render_util.h"

namespace ckptcheck {
namespace {

// One line of valid UTF-8: control characters (newlines, C1) become spaces, as
// a cell is one line; bytes that are not UTF-8 become U+FFFD, as GitHub's API
// takes only UTF-8.
std::string one_line(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_length(s, i);
    if (n == 0) out += "\xEF\xBF\xBD";
    else if (is_control(s, i, n)) out += ' ';
    else out.append(s.substr(i, n));
    i += n ? n : 1;
  }
  return out;
}

// Plain text inside a table cell: a backslash before each character that
// could start emphasis, a code span, a link, HTML, an entity, strikethrough or
// math, or end the cell (CommonMark lets any ASCII punctuation be escaped).
// Line-start syntax ('#', '-', '1.') cannot occur: a cell starts with "| ".
std::string md_text(std::string_view s) {
  static constexpr std::string_view kSpecial = "\\`*_[]<>|&~$";
  std::string out;
  for (char c : one_line(s)) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// A code span: fenced with one more backtick than the longest run inside, and
// '|' escaped because GitHub splits table cells before it parses code spans.
std::string md_code(std::string_view s) {
  if (s.empty()) return "";
  size_t longest = 0, run = 0;
  std::string body;
  for (char c : one_line(s)) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (c == '|') body += '\\';
    body += c;
  }
  std::string fence(longest + 1, '`');
  bool pad = body.front() == '`' || body.back() == '`';
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string severity_cell(Severity s) {
  switch (s) {
    case Severity::Error: return "❌ error";
    case Severity::Warning: return "⚠️ warning";
    case Severity::Info: return "ℹ️ info";
  }
  return "error";
}

// `file:line` in the code; empty for a finding about a file alone.
std::string location_cell(const Diagnostic& f) {
  return f.location ? md_code(location_text(Location{f.location->file, f.location->line, 0})) : "";
}

// Every checkpoint the finding is in; empty for one about the model alone.
std::string checkpoints_cell(const Diagnostic& f) {
  std::string cell = md_code(f.checkpoint);
  for (const std::string& other : f.also_in) cell += "<br>" + md_code(other);
  return cell;
}

void write_row(std::ostream& out, const Diagnostic& f) {
  const RuleInfo& rule = rule_info(f.rule);
  std::string message = md_text(f.message);
  if (!f.fix.empty()) message += "<br>fix: " + md_text(f.fix);
  out << "| " << severity_cell(f.severity) << " | " << rule.code << ' ' << rule.name << " | " << md_code(f.key) << " | "
      << message << " | " << location_cell(f) << " | " << checkpoints_cell(f) << " |\n";
}

}  // namespace

void render_markdown(std::ostream& out, const Report& report) {
  SeverityCounts c = count_severities(report);
  std::string counts = summary_counts_text(report);
  std::string checkpoints = count_text(report.checkpoints.size(), "checkpoint");
  if (c.error > 0)
    out << "### ❌ ckptcheck: " << summary_counts_text(report, "in " + checkpoints) << "\n\n";
  else
    out << "### ✅ ckptcheck: no breakage found in " << checkpoints
        << (report.findings.empty() && !report.suppressed && !report.baseline ? "" : " (" + counts + ")") << "\n\n";

  for (const CheckedFile& f : report.checkpoints)
    out << "- checked " << md_code(f.file) << " (" << md_text(checked_file_details(f)) << ") against "
        << md_code(root_text(report)) << '\n';
  if (!report.checkpoints.empty()) out << '\n';
  if (report.findings.empty()) return;

  // When the table is cut, the errors must be in it: most severe first, and
  // in the Report's order within a severity.
  std::vector<const Diagnostic*> rows;
  for (const Diagnostic& f : report.findings) rows.push_back(&f);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Diagnostic* a, const Diagnostic* b) { return a->severity > b->severity; });
  out << "| severity | rule | key | message | location | checkpoint |\n|---|---|---|---|---|---|\n";
  size_t shown = std::min(rows.size(), kMarkdownMaxRows);
  for (size_t i = 0; i < shown; ++i) write_row(out, *rows[i]);
  if (rows.size() > shown) out << "\nand " << rows.size() - shown << " more\n";
}

}  // namespace ckptcheck
