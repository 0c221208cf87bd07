#include "ckptcheck/match/report.h"

namespace ckptcheck {

SeverityCounts count_severities(const Report& report) {
  SeverityCounts c;
  for (const Diagnostic& f : report.findings) {
    switch (f.severity) {
      case Severity::Error: ++c.error; break;
      case Severity::Warning: ++c.warning; break;
      case Severity::Info: ++c.info; break;
    }
  }
  return c;
}

int report_exit_code(const Report& report, bool warnings_as_errors) {
  SeverityCounts c = count_severities(report);
  return c.error > 0 || (warnings_as_errors && c.warning > 0) ? 1 : 0;
}

}  // namespace ckptcheck
