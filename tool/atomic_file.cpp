#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace ckptcheck {

void write_file_atomically(const std::string& path, std::string_view content) {
  auto error = [&](const std::string& what) {
    return std::runtime_error("cannot write " + path + ": " + what + " (" + std::strerror(errno) + ")");
  };
  std::filesystem::path target(path);
  std::string pattern = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) throw error("cannot create a temporary file beside it");
  std::string temporary(name.data());
  auto discard = [&] {
    int saved = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    errno = saved;
  };
  // mkstemp makes the file 0600; an output is an ordinary file, readable as the umask allows.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  for (size_t written = 0; written < content.size();) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      discard();
      throw error("writing failed");
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    discard();
    throw error("writing failed");
  }
  ::close(fd);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    throw error("cannot rename the temporary file into place");
  }
}

}  // namespace ckptcheck
