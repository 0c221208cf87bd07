// Found only through -Iinclude (it is not next to needs_flags.cpp).
#pragma once
#include <cstdint>

constexpr int64_t kClasses = 10;
