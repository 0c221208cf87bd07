// Hands tensors to an InventorySink as readers find them, and makes sure the
// sink sees begin() once, then the tensors, then end(), whatever the reader.
#pragma once

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/formats/read_error.h"

namespace ckptcheck {

class TensorStream {
 public:
  explicit TensorStream(InventorySink& sink) : sink_(sink) {}

  bool begun() const { return begun_; }
  // `header` must hold format, content and properties by the first tensor.
  void emit(const Inventory& header, const TensorEntry& t) {
    begin_once(header);
    sink_.tensor(t);
  }
  // Ends the file; tensors a reader collected instead of emitting are sent first.
  void finish(const Inventory& inv) {
    if (!begun_) {
      begin_once(inv);
      for (const TensorEntry& t : inv.tensors) sink_.tensor(t);
    }
    sink_.end(inv);
  }

 private:
  void begin_once(const Inventory& header) {
    if (begun_) return;
    begun_ = true;
    sink_.begin(header);
  }

  InventorySink& sink_;
  bool begun_ = false;
};

}  // namespace ckptcheck
