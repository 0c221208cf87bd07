// Where in the model's source a registration happened. The child records the
// return addresses of the JIT'd frames above each registration; here, in the
// parent, they are mapped to file:line:column through the line tables of the
// JIT'd code (compiled with -gline-tables-only and registered by ORC through
// the GDB JIT interface), and the innermost frame in the model's own files is
// the registration's location.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck::exec {

class CallSites {
 public:
  // Reads the debug information of everything the JIT has linked so far.
  CallSites();
  ~CallSites();
  CallSites(const CallSites&) = delete;
  CallSites& operator=(const CallSites&) = delete;

  // The innermost of `returns` (return addresses, innermost first) whose call
  // is in a file `is_model_file` accepts (an absolute path); nullopt if none is.
  std::optional<Location> model_frame(const std::vector<uint64_t>& returns,
                                      const std::function<bool(const std::string&)>& is_model_file);

 private:
  struct Frame {
    std::string file;  // absolute, as the line table names it
    int line = 0;
    int column = 0;
  };
  std::optional<Frame> frame_of(uint64_t return_address);

  struct Object;
  std::vector<std::unique_ptr<Object>> objects_;
  std::map<uint64_t, std::optional<Frame>> cache_;
  // Per file of the line table: whether it is the model's, and its name as
  // shown (relative to the working directory when under it). Each needs the
  // file system, and the same few files come up for every registration.
  std::map<std::string, std::optional<std::string>> shown_;
};

}  // namespace ckptcheck::exec
