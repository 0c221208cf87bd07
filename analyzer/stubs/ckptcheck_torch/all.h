// Everything the bundled LibTorch declarations provide: what torch/torch.h
// and its siblings stand for when LibTorch is not installed. See tensor.h.
#pragma once

#include "runtime.h"
