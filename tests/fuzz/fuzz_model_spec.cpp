// libFuzzer target: any text as a --spec file (ckptcheck/modelspec/v1 JSON).
// Only ModelSpecError may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ckptcheck/rules/model_spec_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ckptcheck::read_model_spec_json({reinterpret_cast<const char*>(data), size});
  } catch (const ckptcheck::ModelSpecError&) {
  }
  return 0;
}
