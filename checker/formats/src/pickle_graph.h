// The object graph a pickle stream builds, as plain data: nothing in it can run.
//
// The VM (pickle_vm.h) turns opcodes into Values. Scalars live inside the Value;
// strings and bytes live in one character arena; tuples in one flat item pool
// (they are immutable); lists, dicts, sets and "objects" (anything made by REDUCE,
// NEWOBJ, INST or OBJ) live in a node table, so the memo can share them by index
// and self-references cannot leak or recurse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ckptcheck::pickle {

enum class Kind : uint8_t {
  Invalid,   // an empty memo slot; never on the stack
  None,
  Bool,
  Int,       // fits in int64
  BigInt,    // LONG beyond int64; text holds the decimal digits
  Float,
  Str,
  Bytes,
  Tuple,
  List,
  Dict,
  Set,
  FrozenSet,
  Global,    // a reference to module.name, never resolved
  Object,    // callable(args) or cls.__new__(args), plus BUILD state and items
  PersId,    // a persistent id; its payload is the id value (a tuple for torch)
  Extern,    // a value given meaning by the caller's ReduceHook; a: its tag, b: its index
  Consumed,  // a memo slot whose value was released after a ReduceHook used it
};

struct Value {
  Kind kind = Kind::Invalid;
  uint32_t a = 0;  // Str/Bytes/BigInt: length; Tuple/PersId: item count; Global: index
  uint64_t b = 0;  // Int: value; Float: bits; Str/Bytes: arena offset; Tuple: pool start;
                   // List/Dict/Set/Object: node index
};

// A mutable container or an object.
struct Node {
  Kind kind = Kind::List;
  Value callable;           // Object: the GLOBAL (or other value) that was called
  Value args;               // Object: the argument tuple
  Value state;              // Object: what BUILD passed (Invalid when none)
  bool built_by_newobj = false;
  std::vector<Value> items; // List/Set items; Object items from APPEND(S)
  std::vector<Value> pairs; // Dict key,value flattened; Object items from SETITEM(S)
  uint64_t first_item_opcode = 0;  // opcode number of the first item stored in it; 0: none
};

struct GlobalRef {
  std::string module;  // normalised: builtins, copyreg, torch._tensor (see pickle_vm.cpp)
  std::string name;
  std::string dotted() const { return module + "." + name; }
};

class Graph {
 public:
  Value make_str(std::string_view s, Kind kind = Kind::Str) {
    Value v{kind, static_cast<uint32_t>(s.size()), chars_.size()};
    chars_.append(s);
    return v;
  }
  std::string_view text(const Value& v) const { return std::string_view(chars_).substr(v.b, v.a); }

  Value make_tuple(const Value* first, size_t count, Kind kind = Kind::Tuple) {
    Value v{kind, static_cast<uint32_t>(count), tuple_items_.size()};
    tuple_items_.insert(tuple_items_.end(), first, first + count);
    return v;
  }
  std::pair<const Value*, size_t> tuple(const Value& v) const {
    if (v.b > tuple_items_.size() || v.a > tuple_items_.size() - v.b) return {tuple_items_.data(), 0};
    return {tuple_items_.data() + v.b, v.a};
  }
  size_t tuple_pool_size() const { return tuple_items_.size(); }

  Value make_node(Kind kind) {
    nodes_.push_back(Node{kind, {}, {}, {}, false, {}, {}, 0});
    return Value{kind, 0, nodes_.size() - 1};
  }
  Node& node(const Value& v) { return nodes_[v.b]; }
  const Node& node(const Value& v) const { return nodes_[v.b]; }

  Value make_global(std::string module, std::string name) {
    std::string key = module + '\n' + name;
    auto [it, inserted] = global_index_.try_emplace(std::move(key), globals_.size());
    if (inserted) globals_.push_back({std::move(module), std::move(name)});
    return Value{Kind::Global, static_cast<uint32_t>(it->second), 0};
  }
  const GlobalRef& global(const Value& v) const { return globals_[v.a]; }
  const std::vector<GlobalRef>& globals() const { return globals_; }

  size_t node_count() const { return nodes_.size(); }

  // Forgets every tuple item and node created after the given sizes (the VM does
  // this once a ReduceHook has consumed them and nothing else can refer to them).
  void truncate(size_t tuple_pool_size, size_t node_count) {
    if (tuple_pool_size < tuple_items_.size()) tuple_items_.resize(tuple_pool_size);
    if (node_count < nodes_.size()) nodes_.resize(node_count);
  }

 private:
  std::string chars_;
  std::vector<Value> tuple_items_;
  std::vector<Node> nodes_;
  std::vector<GlobalRef> globals_;
  std::unordered_map<std::string, size_t> global_index_;  // "module\nname" -> index
};

// What the VM records about calls, so safety can be judged without guessing.
struct GlobalUse {
  uint32_t global = 0;   // index into Graph::globals()
  bool called = false;   // used as a REDUCE callable
  bool instantiated = false;  // used as a NEWOBJ/INST/OBJ class
  uint64_t first_opcode = 0;  // opcode number where the stream first names it
};

struct PickleResult {
  Graph graph;
  Value root;
  int protocol = 0;            // from PROTO; 0/1 when absent
  uint64_t end_offset = 0;     // first byte after STOP
  bool has_text_persid = false;  // protocol-0 PERSID: an id torch cannot read back
  std::vector<GlobalUse> global_uses;  // indexed like graph.globals()
  std::vector<Value> persistent_ids;   // every BINPERSID/PERSID result, in stream order
};

}  // namespace ckptcheck::pickle
