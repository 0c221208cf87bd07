// Writing an output file so that no reader ever sees half of it: the content
// goes to a temporary file beside the target, which is then renamed over it.
// A failure, or a kill, leaves the target as it was.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace ckptcheck {

// Throws std::runtime_error with a message naming `path` and the reason.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace ckptcheck
