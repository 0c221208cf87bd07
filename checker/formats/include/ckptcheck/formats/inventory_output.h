// Renders Inventories: a readable table for terminals and CI logs, and the
// JSON contract "ckptcheck/inventory/v1" (schemas/inventory-v1.schema.json). Both stream, so a
// 100,000-tensor listing never exists twice in memory.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/formats/inventory.h"

namespace ckptcheck {

inline constexpr const char* kInventorySchema = "ckptcheck/inventory/v1";


void write_inventory_text(std::ostream& out, const Inventory& inv);
void write_inventory_json(std::ostream& out, const Inventory& inv);

// Writes the JSON object piece by piece as an inspect_file() stream delivers it.
class JsonInventoryWriter : public InventorySink {
 public:
  explicit JsonInventoryWriter(std::ostream& out) : out_(out) {}
  void begin(const Inventory& header) override;
  void tensor(const TensorEntry& t) override;
  void end(const Inventory& rest) override;

 private:
  std::ostream& out_;
  size_t tensors_ = 0;
};
// "file: error: message [CK101 unreadable-file]"
void write_diagnostic_text(std::ostream& out, const std::string& file, const Diagnostic& d);

// Number of elements of a shape (product of sizes; 1 for a 0-dim tensor).
uint64_t element_count(const std::vector<int64_t>& shape);

}  // namespace ckptcheck
