#include "CK502_ambiguous_root.h"

#include "ckptcheck/rules/display.h"

namespace ckptcheck::analysis {

namespace {

// Every name, quoted: the user picks one of them for --class.
std::string quoted_list(const std::vector<std::string>& names) { return first_items(names, names.size(), "'"); }

}  // namespace

Diagnostic to_diagnostic(const AmbiguousRoot& fact) {
  if (fact.wanted)
    return Diagnostic::of(RuleId::AmbiguousRoot,
                          "--class " + *fact.wanted + ": no module class of that name in the analysed files; " +
                              (fact.candidates.empty() ? std::string("they define none")
                                                       : "they define " + quoted_list(fact.candidates)));
  if (fact.candidates.empty())
    return Diagnostic::of(RuleId::AmbiguousRoot, "no torch::nn::Module subclass found in the analysed files");
  return Diagnostic::of(RuleId::AmbiguousRoot, "several module classes could be the root: " +
                                                   quoted_list(fact.candidates) + "; choose one with --class");
}

}  // namespace ckptcheck::analysis
