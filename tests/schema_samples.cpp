// Writes the sample Reports (as report/v1 JSON, SARIF and baselines) and a ModelSpec into
// a directory, for validate_schemas.py to check against the schemas.
#include <fstream>
#include <iostream>
#include <string>

#include "ckptcheck/report/baseline.h"
#include "ckptcheck/report/render.h"
#include "ckptcheck/rules/model_spec_json.h"
#include "unit/report_samples.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: ckptcheck_schema_samples OUT_DIR\n";
    return 2;
  }
  std::string dir = argv[1];
  using namespace ckptcheck;
  const std::pair<const char*, Report> reports[] = {
      {"clean", samples::clean()},
      {"breakage", samples::breakage()},
      {"odd_keys", samples::odd_keys()},
      {"many", samples::many(60)},
      {"empty", Report{}},
  };
  for (const auto& [name, report] : reports) {
    std::ofstream json(dir + "/report_" + name + ".json");
    render_json(json, report);
    std::ofstream sarif(dir + "/sarif_" + name + ".json");
    render_sarif(sarif, report, "0.1.0", "https://example.org/ckptcheck");
    std::ofstream gitlab(dir + "/gitlab_" + name + ".json");
    render_gitlab(gitlab, report);
    std::ofstream baseline(dir + "/baseline_" + name + ".json");
    baseline << baseline_text(baseline_entries(report), "ckptcheck 0.1.0");
    if (!json || !sarif || !gitlab || !baseline) return 1;
  }
  std::ofstream spec(dir + "/modelspec_sample.json");
  write_model_spec_json(spec, samples::model_spec());
  std::ofstream empty_spec(dir + "/modelspec_empty.json");
  write_model_spec_json(empty_spec, ModelSpec{});
  return spec && empty_spec ? 0 : 1;
}
