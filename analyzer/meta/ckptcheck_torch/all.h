// Everything meta LibTorch provides: what torch/torch.h and its siblings stand
// for when ckptcheck compiles a model. See c10.h.
#pragma once

#include "record.h"
