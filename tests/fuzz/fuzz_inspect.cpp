// libFuzzer target: any bytes through triage and every reader. Only ReadError may escape.
#include <cstddef>
#include <cstdint>

#include "ckptcheck/formats/inspect.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ckptcheck::inspect_bytes({data, size}, "fuzz");
  } catch (const ckptcheck::ReadError&) {
  }
  return 0;
}
