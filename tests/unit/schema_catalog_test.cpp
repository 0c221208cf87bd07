// The committed JSON schemas list the catalog's rules: a rule added to
// catalog.def without its schema enums would make valid output "invalid".
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ckptcheck/rules/catalog.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

json load_schema(const std::string& name) {
  std::ifstream in(std::string(CKPTCHECK_SCHEMA_DIR) + "/" + name);
  EXPECT_TRUE(in) << name;
  return json::parse(in);
}

class SchemaCatalog : public ::testing::TestWithParam<const char*> {};

TEST_P(SchemaCatalog, RuleEnumsAreTheCatalog) {
  json defs = load_schema(GetParam())["$defs"];
  std::vector<std::string> codes, names;
  for (const RuleInfo& r : all_rules()) {
    codes.emplace_back(r.code);
    names.emplace_back(r.name);
  }
  EXPECT_EQ(defs["rule_id"]["enum"].get<std::vector<std::string>>(), codes);
  EXPECT_EQ(defs["rule_name"]["enum"].get<std::vector<std::string>>(), names);
  std::vector<std::string> severities;
  for (Severity s : {Severity::Info, Severity::Warning, Severity::Error}) severities.emplace_back(severity_name(s));
  EXPECT_EQ(defs["severity"]["enum"].get<std::vector<std::string>>(), severities);
}

INSTANTIATE_TEST_SUITE_P(Schemas, SchemaCatalog,
                         ::testing::Values("report-v1.schema.json", "modelspec-v1.schema.json",
                                           "inventory-v1.schema.json", "manifest-v1.schema.json"));

}  // namespace
}  // namespace ckptcheck
