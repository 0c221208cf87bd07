#include "render_util.h"

#include <cstdint>
#include <cstdio>

namespace ckptcheck {

std::string location_text(const Location& l) {
  std::string s = l.file;
  if (l.line > 0) {
    s += ':' + std::to_string(l.line);
    if (l.column > 0) s += ':' + std::to_string(l.column);
  }
  return s;
}

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "error";
}

std::string count_text(size_t n, std::string_view singular) {
  return std::to_string(n) + ' ' + std::string(singular) + (n == 1 ? "" : "s");
}

std::string severity_counts_text(const Report& report) {
  SeverityCounts c = count_severities(report);
  return count_text(c.error, "error") + ", " + count_text(c.warning, "warning") + ", " + count_text(c.info, "note");
}

std::string not_reported_text(const Report& report) {
  std::string text;
  if (report.suppressed) text = std::to_string(report.suppressed) + " suppressed by the configuration";
  if (report.baseline)
    text += (text.empty() ? "" : ", ") + std::to_string(report.baseline->matched) + " in the baseline, " +
            std::to_string(report.baseline->fixed) + " fixed since";
  return text;
}

std::string summary_counts_text(const Report& report, std::string_view where) {
  std::string counts = severity_counts_text(report), hidden = not_reported_text(report);
  if (where.empty()) return hidden.empty() ? counts : counts + ", " + hidden;
  return counts + " " + std::string(where) + (hidden.empty() ? "" : " (" + hidden + ")");
}

namespace {

std::string stand_in_text(const StandIn& s) {
  std::string text = s.kind == "manifest" ? "a manifest" : "a " + s.kind;
  if (!s.of.empty()) text += " of " + s.of;
  if (!s.sha256.empty()) text += " (sha256 " + s.sha256.substr(0, 12) + "...)";
  return text;
}

}  // namespace

std::string checked_file_details(const CheckedFile& f) {
  std::string s = f.stand_in ? stand_in_text(*f.stand_in) + ": " : "";
  s += f.format.empty() ? "unknown format" : f.format;
  if (!f.content.empty()) s += ' ' + f.content;
  if (!f.state_dict_key.empty()) s += ", state dict at '" + f.state_dict_key + "'";
  return s + ", " + std::to_string(f.entries) + (f.entries == 1 ? " entry" : " entries");
}

std::string root_text(const Report& report) { return report.root.empty() ? "the model" : report.root; }

}  // namespace ckptcheck
