// libFuzzer target: the zip layer alone (directory parse, then every record read).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ckptcheck/formats/inspect.h"
#include "zip_archive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ckptcheck::ZipArchive zip({data, size}, "fuzz");
    std::vector<uint8_t> scratch;
    for (const auto& e : zip.entries()) {
      try {
        zip.read(e, scratch, /*verify_crc=*/true);
      } catch (const ckptcheck::ReadError&) {
      }
    }
  } catch (const ckptcheck::ReadError&) {
  }
  return 0;
}
