// `ckptcheck inspect`: read each file, print its inventory, pick the exit code.
// JSON is streamed tensor by tensor, so memory does not grow with the listing;
// the text table needs every name for its column widths and is printed whole.
#include <iostream>

#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/formats/inventory_output.h"
#include "commands.h"

namespace ckptcheck {
namespace {

// Passes the stream on to the JSON writer and keeps the diagnostics for the exit code.
class JsonOut : public InventorySink {
 public:
  explicit JsonOut(std::ostream& out) : writer_(out) {}
  void begin(const Inventory& header) override { writer_.begin(header); }
  void tensor(const TensorEntry& t) override { writer_.tensor(t); }
  void end(const Inventory& rest) override {
    writer_.end(rest);
    diagnostics = rest.diagnostics;
  }
  std::vector<Diagnostic> diagnostics;

 private:
  JsonInventoryWriter writer_;
};

Inventory unreadable(const std::string& path, const ReadError& e) {
  Inventory inv;
  inv.file = path;
  inv.diagnostics.push_back(Diagnostic::of(e.rule(), e.what()).with_severity(Severity::Error));
  return inv;
}

}  // namespace

int run_inspect(const InspectOptions& options) {
  bool json = options.format == "json";
  int exit_code = kExitClean;
  auto account = [&](const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& d : diagnostics) {
      bool file_level = rule_family(d.rule) == RuleFamily::File;
      if (d.severity == Severity::Error && file_level) exit_code = kExitInputError;
      else if ((d.severity == Severity::Error || (d.severity == Severity::Warning && options.warnings_as_errors)) &&
               exit_code == kExitClean)
        exit_code = kExitFindings;
    }
  };
  if (json && options.files.size() > 1) std::cout << "[\n";
  for (size_t i = 0; i < options.files.size(); ++i) {
    const std::string& path = options.files[i];
    if (json) {
      if (i) std::cout << ",\n";
      JsonOut out(std::cout);
      try {
        inspect_file(path, out);
        account(out.diagnostics);
      } catch (const ReadError& e) {
        Inventory inv = unreadable(path, e);
        write_inventory_json(std::cout, inv);
        account(inv.diagnostics);
      }
      continue;
    }
    Inventory inv;
    try {
      inv = inspect_file(path);
    } catch (const ReadError& e) {
      inv = unreadable(path, e);
    }
    account(inv.diagnostics);
    if (inv.format.empty()) {
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
