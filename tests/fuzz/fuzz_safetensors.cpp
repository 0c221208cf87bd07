// libFuzzer target: any bytes as a safetensors file. Only ReadError may escape.
#include <cstddef>
#include <cstdint>

#include "ckptcheck/formats/read_error.h"
#include "safetensors_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ckptcheck::read_safetensors({data, size}, "fuzz.safetensors");
  } catch (const ckptcheck::ReadError&) {
  }
  return 0;
}
