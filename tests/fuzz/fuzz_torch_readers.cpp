// libFuzzer target: any bytes straight into the torch zip reader (torch.save and
// TorchScript archives) and the legacy reader, past triage, which would send
// most mutations elsewhere. Only ReadError may escape.
#include <cstddef>
#include <cstdint>

#include "ckptcheck/formats/read_error.h"
#include "format_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (auto* reader : {&ckptcheck::read_torch_zip, &ckptcheck::read_torch_legacy}) {
    try {
      reader({data, size}, "fuzz.pt", {}, nullptr);
    } catch (const ckptcheck::ReadError&) {
    }
  }
  return 0;
}
