#include "ckptcheck/rules/display.h"

#include <cstdint>
#include <cstdio>

namespace ckptcheck {
namespace {

template <typename Dim, typename Text>
std::string bracketed(const std::vector<Dim>& dims, Text text) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + text(i);
  return s + "]";
}

}  // namespace

std::string shape_text(const std::vector<int64_t>& shape) {
  return bracketed(shape, [&](size_t i) { return std::to_string(shape[i]); });
}

std::string shape_text(const std::vector<DimExpr>& shape) {
  return bracketed(shape, [&](size_t i) { return shape[i].to_string(); });
}

std::string shape_text(const std::vector<std::optional<int64_t>>& shape, const std::vector<DimExpr>& exprs) {
  return bracketed(shape, [&](size_t i) { return shape[i] ? std::to_string(*shape[i]) : exprs[i].to_string(); });
}

std::string first_items(const std::vector<std::string>& items, size_t shown, const std::string& quote) {
  std::string s;
  for (size_t i = 0; i < items.size() && i < shown; ++i) s += (i ? ", " : "") + quote + items[i] + quote;
  if (items.size() > shown) s += " and " + std::to_string(items.size() - shown) + " more";
  return s;
}

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

std::string excerpt(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return std::string(s.substr(0, cut)) + "... (" + std::to_string(s.size()) + " characters)";
}

std::string layer_holder_name(std::string type) {
  if (type.starts_with("torch::nn::") && type.ends_with("Impl")) type.resize(type.size() - 4);
  return type;
}

std::string seconds_text(double seconds) {
  std::string s = std::to_string(seconds);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace ckptcheck
