// `ckptcheck inspect`: read each file, print its inventory, pick the exit code.
#include <iostream>

#include "ckptcheck/checker/inspect.h"
#include "ckptcheck/checker/inventory_output.h"
#include "commands.h"

namespace ckptcheck {

int run_inspect(const InspectOptions& options) {
  bool json = options.format == "json";
  int exit_code = kExitClean;
  if (json && options.files.size() > 1) std::cout << "[\n";
  for (size_t i = 0; i < options.files.size(); ++i) {
    const std::string& path = options.files[i];
    Inventory inv;
    try {
      inv = inspect_file(path);
    } catch (const ReadError& e) {
      inv = Inventory{};
      inv.file = path;
      inv.diagnostics.push_back(Diagnostic{e.rule(), Severity::Error, e.what(), std::nullopt});
      exit_code = kExitInputError;
    }
    for (const Diagnostic& d : inv.diagnostics) {
      bool file_level = rule_info(d.rule).code.substr(0, 3) == "CK1";
      if (d.severity == Severity::Error && file_level) exit_code = kExitInputError;
      else if ((d.severity == Severity::Error || (d.severity == Severity::Warning && options.warnings_as_errors)) &&
               exit_code == kExitClean)
        exit_code = kExitFindings;
    }
    if (json) {
      if (i) std::cout << ",\n";
      write_inventory_json(std::cout, inv);
    } else if (inv.format.empty()) {
      for (const Diagnostic& d : inv.diagnostics) write_diagnostic_text(std::cerr, path, d);
    } else {
      if (i) std::cout << '\n';
      write_inventory_text(std::cout, inv);
    }
  }
  if (json && options.files.size() > 1) std::cout << "]\n";
  return exit_code;
}

}  // namespace ckptcheck
