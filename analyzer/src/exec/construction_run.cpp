#include "construction_run.h"

#include <cxxabi.h>

#include <cstdlib>
#include <exception>
#include <typeinfo>

#include "missing_symbols.h"

namespace ckptcheck::exec {
namespace {

std::string demangle(const char* name) {
  int status = 0;
  char* text = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string out = status == 0 && text ? text : name;
  std::free(text);
  return out;
}

// In the child: run, and describe the outcome as JSON for the parent.
nlohmann::json construct_in_child(const CompiledConstruction& compiled) {
  try {
    run_with_variable_traps([&] {
      for (uint64_t init : compiled.static_initialisers) reinterpret_cast<void (*)()>(init)();
      reinterpret_cast<void (*)()>(compiled.entry)();
    });
    return {{"recording", to_json(current_recording())}};
  } catch (const MissingSymbolCalled& missing) {
    return {{"missing", missing.symbol}};
  } catch (const std::bad_alloc&) {
    throw;  // the sandbox reports it as the memory limit
  } catch (const std::exception& e) {
    const std::type_info* type = abi::__cxa_current_exception_type();
    return {{"exception", e.what()}, {"type", type ? demangle(type->name()) : "std::exception"}};
  } catch (...) {
    const std::type_info* type = abi::__cxa_current_exception_type();
    return {{"exception", "an exception that is not a std::exception"}, {"type", type ? demangle(type->name()) : "?"}};
  }
}

}  // namespace

RunResult run_construction(const CompiledConstruction& compiled, const std::vector<int64_t>& arguments,
                           const SandboxLimits& limits) {
  run_arguments() = arguments;
  current_recording() = Recording{};
  SandboxResult sandboxed = run_confined(
      [&](ResultWriter& out) { out.write(construct_in_child(compiled).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)); },
      limits);
  RunResult result;
  result.outcome = sandboxed.outcome;
  result.files_read = sandboxed.files_read;
  if (sandboxed.outcome != SandboxOutcome::Finished) {
    result.failure = RunFailure::Confinement;
    result.message = sandboxed.message;
    return result;
  }
  nlohmann::json answer = nlohmann::json::parse(sandboxed.payload, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded() || !answer.is_object()) {
    result.failure = RunFailure::Confinement;
    result.message = "ended without a result";
    return result;
  }
  if (answer.contains("missing")) {
    result.failure = RunFailure::MissingSymbol;
    result.message = answer["missing"].get<std::string>();
  } else if (answer.contains("exception")) {
    result.failure = RunFailure::Exception;
    result.message = answer["exception"].get<std::string>();
    result.exception_type = answer.value("type", "");
  } else {
    result.recording = recording_from_json(answer.at("recording"));
  }
  return result;
}

}  // namespace ckptcheck::exec
