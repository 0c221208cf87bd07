// A class left open at the end of the file (Clang's incremental parser would
// loop here for ever; the braces of the #define and of the skipped #else
// branch must not count).
#include <torch/torch.h>

#define EMPTY_BODY {}
#if 1
struct NetImpl : torch::nn::Module {
#else
struct NetImpl : torch::nn::Module {
#endif
  NetImpl() EMPTY_BODY
