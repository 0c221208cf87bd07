// libFuzzer target: any bytes as a .ckptcheck.json configuration file, read
// through an in-memory file (load_config takes a path). Only ConfigError may escape.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "ckptcheck/report/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int fd = ::memfd_create("ckptcheck-fuzz-config", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (fd < 0 || ::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) return 0;
  try {
    ckptcheck::load_config(path);
  } catch (const ckptcheck::ConfigError&) {
  }
  return 0;
}
