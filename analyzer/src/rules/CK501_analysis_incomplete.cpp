#include "CK501_analysis_incomplete.h"

namespace ckptcheck::analysis {

Diagnostic to_diagnostic(const CodeDoesNotCompile& fact) {
  std::string message = "the code does not compile: " + fact.compiler_message;
  if (fact.bundled_declarations)
    message +=
        " (parsed with ckptcheck's bundled LibTorch declarations, which may lack this; "
        "analyse with LibTorch's headers: --torch-include DIR)";
  // Nothing after a compile error can be trusted, so it fails the analysis.
  return Diagnostic::of(RuleId::AnalysisIncomplete, message, fact.location).with_severity(Severity::Error);
}

Diagnostic to_diagnostic(const ValueNotDetermined& fact) {
  return Diagnostic::of(RuleId::AnalysisIncomplete, fact.why, fact.location);
}

Diagnostic to_diagnostic(const ConstructorNotDefined& fact) {
  return Diagnostic::of(RuleId::AnalysisIncomplete,
                        "the constructor of '" + fact.module_class +
                            "' is declared here but not defined in the analysed files; "
                            "give the source file that defines it too",
                        fact.location);
}

Diagnostic to_diagnostic(const NoConstructor& fact) {
  return Diagnostic::of(RuleId::AnalysisIncomplete, "'" + fact.root + "' has no constructor to analyse");
}

Diagnostic to_diagnostic(const UnknownArgument& fact) {
  return Diagnostic::of(RuleId::AnalysisIncomplete, "--arg " + fact.argument + ": the constructor of '" + fact.root +
                                                        "' has no parameter '" + fact.argument + "'");
}

Diagnostic to_diagnostic(const ArgumentWithoutDefault& fact) {
  return Diagnostic::of(RuleId::AnalysisIncomplete,
                        "the constructor of '" + fact.root + "' needs '" + fact.parameter + "' (" + fact.type +
                            "), which has no default: give it with --arg " + fact.parameter +
                            "=VALUE (a JSON value), or say how to build the model with --construct 'EXPR'",
                        fact.location);
}

Diagnostic to_diagnostic(const ConstructorWarned& fact) {
  return Diagnostic::of(RuleId::AnalysisIncomplete, "the constructor warned: " + fact.message, fact.location)
      .with_severity(Severity::Info);
}

Diagnostic to_diagnostic(const DependenceNotInferred& fact) {
  // A note: the check runs the constructor again at the values it concludes,
  // so the entry is still checked exactly.
  return Diagnostic::of(RuleId::AnalysisIncomplete,
                        "how '" + fact.mask + "' ('#' for its numbers) depends on " + fact.variables +
                            " is not inferred; it is listed as at the first values tried (the check runs the "
                            "constructor again at the values it concludes)")
      .with_severity(Severity::Info);
}

}  // namespace ckptcheck::analysis
