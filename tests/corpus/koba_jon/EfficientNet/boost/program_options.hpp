// ckptcheck corpus shim, NOT part of koba-jon/pytorch_cpp: the few pieces of
// Boost.Program_options that the models' constructors use (variables_map,
// variable_value::as<T>()), so the corpus builds without the Boost headers.
// The models' `#include <boost/program_options.hpp>` was changed to
// `#include "boost/program_options.hpp"` to reach this file (see ../ORIGIN.md);
// with real Boost installed and this directory absent, the same code compiles
// against Boost unchanged.
#ifndef CKPTCHECK_CORPUS_BOOST_PROGRAM_OPTIONS_SHIM
#define CKPTCHECK_CORPUS_BOOST_PROGRAM_OPTIONS_SHIM

#include <any>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace boost {
namespace program_options {

class variable_value {
 public:
  variable_value() = default;
  variable_value(const std::any& value, bool defaulted) : value_(value), defaulted_(defaulted) {}

  template <class T>
  const T& as() const {
    return std::any_cast<const T&>(value_);
  }
  bool empty() const { return !value_.has_value(); }
  bool defaulted() const { return defaulted_; }

 private:
  std::any value_;
  bool defaulted_ = false;
};

class variables_map : public std::map<std::string, variable_value> {
 public:
  // Like Boost's: looking up an absent option gives an empty value, it does not insert one.
  const variable_value& operator[](const std::string& name) const {
    auto it = find(name);
    if (it == end()) throw std::out_of_range("no option '" + name + "'");
    return it->second;
  }
};

// Not in Boost: builds a variables_map from option values (for the corpus' construct expressions).
inline variables_map make_variables_map(std::initializer_list<std::pair<std::string, std::any>> values) {
  variables_map vm;
  for (const auto& [name, value] : values) vm.emplace(name, variable_value(value, false));
  return vm;
}

}  // namespace program_options
}  // namespace boost

#endif  // CKPTCHECK_CORPUS_BOOST_PROGRAM_OPTIONS_SHIM
