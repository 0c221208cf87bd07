// The analyzer library links the Clang it was configured for (Clang 19).
#include <gtest/gtest.h>

#include "ckptcheck/analyzer/toolchain.h"

TEST(AnalyzerToolchain, LinksClang19) {
  EXPECT_NE(ckptcheck::analyzer_clang_version().find("Clang 19."), std::string::npos) << ckptcheck::analyzer_clang_version();
}
