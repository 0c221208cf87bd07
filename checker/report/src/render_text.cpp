// The text report: compiler-style lines that editors and CI logs already know
// how to read (`file:line:col: error: message [CK401 shape-mismatch]`), coloured
// like clang's when asked.
#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>

#include "ckptcheck/report/render.h"
#include "ckptcheck/rules/model_spec.h"
#include "render_util.h"

namespace ckptcheck {
namespace {

// clang's palette: bold locations and messages, red errors, magenta warnings;
// notes in cyan.
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kMagenta = "\x1b[1;35m";
constexpr const char* kCyan = "\x1b[1;36m";
constexpr const char* kReset = "\x1b[0m";

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(const char* style, const std::string& s) const {
    return color_ ? style + s + kReset : s;
  }

 private:
  bool color_;
};

const char* severity_style(Severity s) {
  switch (s) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kMagenta;
    case Severity::Info: return kCyan;
  }
  return kRed;
}

// "hidden=768 (from the checkpoint; the code's default is 512)".
std::string symbol_text(const SymbolValue& s) {
  std::string name = terminal_safe(s.name);
  if (!s.value) return name + " unknown (nothing decides it)";
  std::string text = name + '=' + shown_value(*s.value, s.boolean);
  std::string why = s.origin == "arg"          ? "from --arg"
                    : s.origin == "checkpoint" ? "from the checkpoint"
                    : s.origin == "default"    ? "the code's default"
                                               : terminal_safe(s.origin);
  if (s.default_text && s.origin != "default") why += "; the code's default is " + terminal_safe(*s.default_text);
  return text + " (" + why + ')';
}

void write_header(std::ostream& out, const Report& report) {
  for (const CheckedFile& f : report.checkpoints)
    out << "checking " << terminal_safe(f.file) << " (" << terminal_safe(checked_file_details(f)) << ") against "
        << terminal_safe(root_text(report)) << '\n';
  if (report.symbols.empty()) return;
  out << "symbols:";
  for (size_t i = 0; i < report.symbols.size(); ++i) out << (i ? ", " : " ") << symbol_text(report.symbols[i]);
  out << '\n';
}

void write_finding(std::ostream& out, const Diagnostic& f, const Painter& paint) {
  const RuleInfo& rule = rule_info(f.rule);
  // The primary line points at the code; without a code location, at the
  // checkpoint; without either, at the tool.
  std::string where = f.location                ? location_text(*f.location)
                      : !f.checkpoint.empty() ? f.checkpoint
                                               : std::string("ckptcheck");
  where = paint(kBold, terminal_safe(where) + ':');
  out << where << ' ' << paint(severity_style(f.severity), std::string(severity_word(f.severity)) + ':') << ' '
      << paint(kBold, terminal_safe(f.message) + " [" + std::string(rule.code) + ' ' + std::string(rule.name) + ']')
      << '\n';
  // Notes describe the checkpoint side, so they point at the checkpoint file.
  std::string note_where = f.checkpoint.empty() ? where : paint(kBold, terminal_safe(f.checkpoint) + ':');
  std::string note = paint(kCyan, "note:");
  for (const std::string& n : f.notes) out << note_where << ' ' << note << ' ' << terminal_safe(n) << '\n';
  if (!f.also_in.empty()) {
    out << note_where << ' ' << note << " also in";
    for (size_t i = 0; i < f.also_in.size(); ++i) out << (i ? ", " : " ") << terminal_safe(f.also_in[i]);
    out << '\n';
  }
  // The fix is a change to the code, so it points where the primary line does.
  if (!f.fix.empty()) out << where << ' ' << note << " fix: " << terminal_safe(f.fix) << '\n';
}

void write_summary(std::ostream& out, const Report& report, const RenderOptions& options) {
  std::string counts = summary_counts_text(report);
  size_t n = report.checkpoints.size();
  if (report_exit_code(report, options.warnings_as_errors) != 0) {
    out << summary_counts_text(report, "in " + count_text(n, "checkpoint")) << '\n';
    return;
  }
  out << "no breakage found: " << count_text(n, "checkpoint") << (n == 1 ? " matches " : " match ")
      << terminal_safe(root_text(report));
  if (!report.findings.empty() || report.suppressed || report.baseline) out << " (" << counts << ')';
  out << '\n';
}

}  // namespace

void render_text(std::ostream& out, const Report& report, const RenderOptions& options) {
  Painter paint(options.color);
  write_header(out, report);
  for (const Diagnostic& f : report.findings) write_finding(out, f, paint);
  write_summary(out, report, options);
}

bool want_color(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return isatty(fd) == 1;
}

}  // namespace ckptcheck
