// A default constructor argument the checkpoint contradicts ("the checkpoint
// implies hidden=768; the code's default is 512"): one finding per kind of
// difference the default makes, at the default argument, not one per entry.
// Reported as CK401 (entries of other shapes), CK302 (checkpoint entries the
// default does not create) and CK301 (entries the default creates that the
// checkpoint lacks); the pages docs/rules/CK401.md, CK302.md and CK301.md say so.
#pragma once

#include "ckptcheck/rules/model_spec.h"
#include "finding_context.h"

namespace ckptcheck {

struct ContradictedDefault {
  const SpecSymbol& symbol;
  int64_t solved;  // the value the checkpoint implies
  // The default split a product the checkpoint fixes only as a whole
  // ("dim_head*heads = 64"); "" when the default decides the symbol alone.
  std::string split_product;
  // What changes at the default: entries of other shapes, checkpoint entries
  // it does not create, entries it creates that the checkpoint lacks.
  std::vector<std::string> reshaped, extra, absent;
};

// Up to three findings, in the order CK401, CK302, CK301; none for an empty list.
std::vector<Diagnostic> to_findings(ContradictedDefault fact, const FindingContext& ctx);

}  // namespace ckptcheck
