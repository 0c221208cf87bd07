// libFuzzer target: the pickle VM alone, on raw pickle bytes.
#include <cstddef>
#include <cstdint>

#include "ckptcheck/formats/inspect.h"
#include "pickle_vm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ckptcheck::pickle::run({data, size}, "fuzz", {});
  } catch (const ckptcheck::ReadError&) {
  }
  return 0;
}
