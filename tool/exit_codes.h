// Exit codes, shared by every subcommand and by ckptcheck-analyze.
#pragma once

namespace ckptcheck {

enum ExitCode { kExitClean = 0, kExitFindings = 1, kExitInputError = 2 };

}  // namespace ckptcheck
