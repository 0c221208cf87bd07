// Renders a Report in the output formats: compiler-style text for terminals,
// the "ckptcheck/report/v1" JSON, SARIF 2.1.0 for code scanning, Markdown for
// pull-request comments and GitLab's Code Quality report. Renderers only read the Report; the exit
// code comes from report_exit_code (report.h).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "ckptcheck/match/report.h"

namespace ckptcheck {

struct RenderOptions {
  bool color = false;               // ANSI colours like clang's; see want_color
  bool warnings_as_errors = false;  // the summary line then calls warnings breakage, as the exit code does
};

// Text: one line per checked checkpoint, the symbols, then each finding as
// `file:line:col: error: message [CK401 shape-mismatch]` with its notes and
// fix, then a summary line.
void render_text(std::ostream& out, const Report& report, const RenderOptions& options);

// Whether text written to `fd` should be coloured: a terminal, NO_COLOR unset or
// empty (https://no-color.org), and TERM not "dumb".
bool want_color(int fd);

// The "ckptcheck/report/v1" document (schemas/report-v1.schema.json).
nlohmann::json report_json(const Report& report);
void render_json(std::ostream& out, const Report& report);

// SARIF 2.1.0 as GitHub code scanning accepts it. `information_uri` is the
// tool's home page; left out of the log when empty.
nlohmann::json report_sarif(const Report& report, const std::string& tool_version,
                            const std::string& information_uri = "");
void render_sarif(std::ostream& out, const Report& report, const std::string& tool_version,
                  const std::string& information_uri = "");

// Markdown for a pull-request comment: the verdict, a table of at most
// kMarkdownMaxRows findings, and what was checked.
inline constexpr size_t kMarkdownMaxRows = 50;
void render_markdown(std::ostream& out, const Report& report);

// GitLab's Code Quality report (artifacts:reports:codequality), one issue per
// finding (schemas/gitlab-codequality.schema.json).
nlohmann::json report_gitlab(const Report& report);
void render_gitlab(std::ostream& out, const Report& report);

}  // namespace ckptcheck
