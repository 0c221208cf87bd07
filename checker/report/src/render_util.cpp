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

std::string checked_file_details(const CheckedFile& f) {
  std::string s = f.format.empty() ? "unknown format" : f.format;
  if (!f.content.empty()) s += ' ' + f.content;
  if (!f.state_dict_key.empty()) s += ", state dict at '" + f.state_dict_key + "'";
  return s + ", " + std::to_string(f.entries) + (f.entries == 1 ? " entry" : " entries");
}

std::string root_text(const Report& report) { return report.root.empty() ? "the model" : report.root; }

size_t utf8_length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (cc & 0x3F);
  }
  bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  return overlong || surrogate || cp > 0x10FFFF ? 0 : n;
}

bool is_control(std::string_view s, size_t i, size_t n) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  bool c1 = n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;  // U+0080..U+009F
  return c < 0x20 || c == 0x7F || c1;
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_length(s, i);
    if (n > 0 && !is_control(s, i, n)) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    // Escape one byte and look again from the next: a bad sequence is shown
    // byte by byte.
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
    out += buf;
    ++i;
  }
  return out;
}

}  // namespace ckptcheck
