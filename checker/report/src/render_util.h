// Small pieces the renderers share: how a location, a checked file and the
// counts read in prose, and making untrusted strings safe for a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ckptcheck/match/report.h"
#include "ckptcheck/rules/display.h"  // terminal_safe

namespace ckptcheck {

// "src/net.cpp:12:5"; the line and column are left out when unknown (0).
std::string location_text(const Location& l);

// "error", "warning" or "note": text output and SARIF both call the catalog's
// "info" a note (the text summary counts notes; SARIF has no "info" level).
const char* severity_word(Severity s);

// "1 error", "2 errors".
std::string count_text(size_t n, std::string_view singular);

// "1 error, 0 warnings, 2 notes".
std::string severity_counts_text(const Report& report);

// What was found but not reported: "3 suppressed by the configuration", "4 in
// the baseline, 1 fixed since", both, or "".
std::string not_reported_text(const Report& report);

// The counts for a summary line: with `where` ("in 2 checkpoints"),
// "1 error, 0 warnings, 0 notes in 2 checkpoints (3 in the baseline, 0 fixed
// since)"; without it, "1 error, 0 warnings, 0 notes, 3 in the baseline, ...".
std::string summary_counts_text(const Report& report, std::string_view where = "");

// "torch-zip state_dict, state dict at 'model_state_dict', 4 entries"; led by
// "a manifest of w.pt (sha256 0123456789ab...): " when the file stands in for the checkpoint.
std::string checked_file_details(const CheckedFile& f);

// "NetImpl", or "the model" when the root is not known.
std::string root_text(const Report& report);

}  // namespace ckptcheck
