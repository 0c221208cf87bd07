// CK501 analysis-incomplete, as the analyzer raises it: what it could not
// resolve about the model, one typed fact per situation. Each fact's
// to_diagnostic() writes the message and sets the severity the situation has
// (a compile error is an error; a constructor's warning is only a note).
// (The matcher raises CK501 too, for a truncated expansion:
// checker/match/src/rules/CK501_analysis_incomplete.h.)
// Page: docs/rules/CK501.md. Case: tests/rules/CK501_analysis_incomplete/.
#pragma once

#include <optional>
#include <string>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck::analysis {

// The model's code has a compile error (the static engine reports it and goes on).
struct CodeDoesNotCompile {
  std::string compiler_message;
  std::optional<Location> location;
  bool bundled_declarations;  // parsed against ckptcheck's bundled LibTorch declarations
};

// The static engine could not determine a value; `why` names it ("'n' is read from a file").
struct ValueNotDetermined {
  std::string why;
  std::optional<Location> location;
};

// A module's constructor is declared but its body is not in the analysed files.
struct ConstructorNotDefined {
  std::string module_class;
  std::optional<Location> location;
};

// The root class has no constructor whose body could be analysed.
struct NoConstructor {
  std::string root;
};

// --arg names a parameter the root's constructor does not have.
struct UnknownArgument {
  std::string root;
  std::string argument;
};

// The root's constructor needs a value that neither --arg nor a default gives.
struct ArgumentWithoutDefault {
  std::string root;
  std::string parameter;
  std::string type;  // as the code spells it
  std::optional<Location> location;
};

// TORCH_WARN while the constructor ran: a note, the entries are still exact.
struct ConstructorWarned {
  std::string message;
  std::optional<Location> location;
};

// The running engine tried several argument values but found no formula for
// how one entry's numbers follow from them; `mask` is the entry's name with
// '#' for its numbers.
struct DependenceNotInferred {
  std::string mask;
  std::string variables;  // "'depth' and 'width'"
};

Diagnostic to_diagnostic(const CodeDoesNotCompile& fact);
Diagnostic to_diagnostic(const ValueNotDetermined& fact);
Diagnostic to_diagnostic(const ConstructorNotDefined& fact);
Diagnostic to_diagnostic(const NoConstructor& fact);
Diagnostic to_diagnostic(const UnknownArgument& fact);
Diagnostic to_diagnostic(const ArgumentWithoutDefault& fact);
Diagnostic to_diagnostic(const ConstructorWarned& fact);
Diagnostic to_diagnostic(const DependenceNotInferred& fact);

}  // namespace ckptcheck::analysis
