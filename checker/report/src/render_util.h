// Small pieces the renderers share: how a location, a checked file and the
// counts read in prose, and making untrusted strings safe for a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ckptcheck/match/report.h"

namespace ckptcheck {

// "src/net.cpp:12:5"; the line and column are left out when unknown (0).
std::string location_text(const Location& l);

// "error", "warning" or "note": text output and SARIF both call the catalog's
// "info" a note (the text summary counts notes; SARIF has no "info" level).
const char* severity_word(Severity s);

// "1 error", "2 errors".
std::string count_text(size_t n, std::string_view singular);

// "torch-zip state_dict, state dict at 'model_state_dict', 4 entries".
std::string checked_file_details(const CheckedFile& f);

// "NetImpl", or "the model" when the root is not known.
std::string root_text(const Report& report);

// The length of the valid UTF-8 sequence that starts at s[i] (1 for ASCII),
// or 0 when the byte there does not start one.
size_t utf8_length(std::string_view s, size_t i);

// Whether the sequence of length n at s[i] is a control character: C0, DEL,
// or C1 (U+0080..U+009F).
bool is_control(std::string_view s, size_t i, size_t n);

// The string with control characters (C0, DEL, C1) and invalid UTF-8 bytes
// written as \xNN. Keys and messages come from untrusted files; printed raw,
// an escape sequence in a tensor name would drive the user's terminal.
std::string terminal_safe(std::string_view s);

}  // namespace ckptcheck
