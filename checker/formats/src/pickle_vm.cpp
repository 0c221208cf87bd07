// The opcode loop. Opcode meanings follow CPython's Lib/pickletools.py; the
// treatment of each one in a reader that must never execute anything follows
// docs/FORMATS.md §7.
//
// Why one file of about 550 lines: it is one class, the machine, whose stack,
// marks, memo and record of calls every opcode reads and writes; split across
// files, each part would need all of that state anyway.
#include "pickle_vm.h"

#include <cmath>
#include <cstring>
#include <optional>

#include "byte_cursor.h"
#include "pickle_allowlist.h"
#include "pickle_memo.h"
#include "pickle_text.h"
#include "reader_limits.h"

namespace ckptcheck::pickle {
namespace {

// Escapes the scan of embedded pickles, which otherwise stops quietly at a malformed one.
struct EmbeddedTooDeep : ReadError {
  using ReadError::ReadError;
};

class Machine {
 public:
  Machine(std::span<const uint8_t> bytes, const std::string& record, const RunOptions& options,
          Machine* embedding = nullptr)
      : in_(bytes, record, options.base_offset),
        bytes_(bytes),
        release_(options.release),
        hook_(options.hook),
        embedding_(embedding),
        embedded_depth_(embedding ? embedding->embedded_depth_ + 1 : 0) {
    if (bytes.size() > limits::kMaxPickleBytes)
      in_.fail(RuleId::UnreadableFile, "pickle of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                                           std::to_string(limits::kMaxPickleBytes) + " (kMaxPickleBytes)");
  }

  PickleResult run() {
    while (true) {
      op_offset_ = in_.record_offset();
      if (in_.at_end()) in_.fail(RuleId::UnreadableFile, "the pickle ends without a STOP opcode (truncated?)");
      uint8_t op = in_.u8();
      op_ = op;
      ++opcodes_;
      if (step(op)) break;
      if (release_ && in_.position() - released_ >= kReleaseChunk) {
        release_(bytes_.subspan(released_, in_.position() - released_));
        released_ = in_.position();
      }
    }
    result_.end_offset = in_.position();
    result_.global_uses.resize(result_.graph.globals().size());
    for (size_t i = 0; i < result_.global_uses.size(); ++i) result_.global_uses[i].global = static_cast<uint32_t>(i);
    for (size_t i = 0; i < first_named_.size(); ++i) result_.global_uses[i].first_opcode = first_named_[i];
    for (auto& [index, use] : uses_) {
      result_.global_uses[index].called |= use.called;
      result_.global_uses[index].instantiated |= use.instantiated;
    }
    return std::move(result_);
  }

 private:
  Graph& g() { return result_.graph; }

  [[noreturn]] void fail(const std::string& detail, RuleId rule = RuleId::UnreadableFile) {
    const char* name = opcode_name(op_);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", op_);
    throw ReadError(rule, in_.record(), op_offset_,
                    std::string("opcode ") + (name ? name : "?") + " (" + hex + "): " + detail);
  }

  size_t mark_base() const { return marks_.empty() ? 0 : marks_.back(); }

  void push(Value v) {
    if (stack_.size() >= limits::kMaxStackDepth)
      fail("the value stack exceeds " + std::to_string(limits::kMaxStackDepth) + " entries (kMaxStackDepth)");
    stack_.push_back(v);
    origins_.push_back({g().tuple_pool_size(), g().node_count(), opcodes_});
  }
  Value pop() {
    if (stack_.size() <= mark_base()) fail("stack underflow");
    Value v = stack_.back();
    shrink_stack(stack_.size() - 1);
    return v;
  }
  void shrink_stack(size_t n) {
    stack_.resize(n);
    origins_.resize(n);
  }
  Value& top() {
    if (stack_.size() <= mark_base()) fail("stack underflow");
    return stack_.back();
  }
  // Pops everything above the innermost MARK and the MARK itself.
  std::vector<Value> pop_mark() {
    if (marks_.empty()) fail("no MARK on the stack");
    size_t base = marks_.back();
    marks_.pop_back();
    std::vector<Value> items(stack_.begin() + static_cast<std::ptrdiff_t>(base), stack_.end());
    shrink_stack(base);
    return items;
  }

  std::string_view checked_text(uint64_t n) {
    if (n > limits::kMaxStringBytes)
      fail("a string of " + std::to_string(n) + " bytes exceeds the limit of " +
           std::to_string(limits::kMaxStringBytes) + " (kMaxStringBytes)");
    if (n > in_.remaining())
      fail("declares " + std::to_string(n) + " bytes but only " + std::to_string(in_.remaining()) +
           " remain (truncated?)");
    return in_.take_chars(n);
  }

  void memo_put(uint64_t index) {
    // A pickler numbers memo slots consecutively, so an index beyond the number of
    // opcodes read so far cannot come from one; refusing it bounds the memo's size.
    if (index >= limits::kMaxMemoIndex)
      fail("memo index " + std::to_string(index) + " is past the limit of " + std::to_string(limits::kMaxMemoIndex) +
           " slots (kMaxMemoIndex)");
    if (index > opcodes_)
      fail("memo index " + std::to_string(index) + " is beyond what a pickler writes after " +
           std::to_string(opcodes_) + " opcodes");
    if (memo_.get(index).kind == Kind::Invalid) ++memo_count_;
    memo_.set(index, top());
    if (hook_ && refers_to_pool(top())) puts_.push_back({opcodes_, index});
  }
  void memo_get(uint64_t index) {
    Value v = memo_.get(index);
    if (v.kind == Kind::Invalid) fail("memo index " + std::to_string(index) + " was never stored");
    if (v.kind == Kind::Consumed)
      fail("memo index " + std::to_string(index) + " refers into the arguments of a tensor that was "
           "already built; torch's picklers never do this", RuleId::UnsupportedFormat);
    push(v);
  }

  void use_global(const Value& v, bool called, bool instantiated) {
    if (v.kind != Kind::Global) return;
    auto& use = uses_[v.a];
    use.called |= called;
    use.instantiated |= instantiated;
    // What an embedded pickle would call, the file that embeds it calls.
    if (embedding_) {
      const GlobalRef& ref = g().global(v);
      embedding_->use_global(embedding_->make_global(ref.module, ref.name), called, instantiated);
    }
  }

  // Some callables torch.load allows call one of their arguments in turn, or
  // unpickle bytes they are given: judge those as if the file did it directly.
  // `callable` is a copy: an embedded pickle's report adds globals to this graph.
  void judge_arguments(GlobalRef callable, const Value& args) {
    if (args.kind != Kind::Tuple) return;
    auto [items, count] = g().tuple(args);
    if (auto i = forwarded_call_argument(callable); i && *i < count) use_global(items[*i], /*called=*/true, false);
    if (unpickles_argument(callable) && count > 0 && items[0].kind == Kind::Bytes) {
      std::string_view embedded = g().text(items[0]);
      scan_embedded({reinterpret_cast<const uint8_t*>(embedded.data()), embedded.size()});
    }
  }

  // torch.storage._load_from_bytes(b) is torch.load(io.BytesIO(b)): a legacy
  // torch.save stream, that is several pickles in a row (magic number, protocol,
  // system info, the object), each of which torch.load unpickles. Each is read
  // with a machine of its own that reports what it would call to this one; one
  // that is malformed ends the scan (torch.load stops there too, after running
  // what came before, which has been reported by then).
  void scan_embedded(std::span<const uint8_t> bytes) {
    // Deeper nesting cannot be judged, so the whole file is refused rather than passed.
    if (embedded_depth_ >= limits::kMaxEmbeddedPickleDepth)
      throw EmbeddedTooDeep(RuleId::UnreadableFile, in_.record(), op_offset_,
                            "pickles embedded in pickles (torch.storage._load_from_bytes) more than " +
                                std::to_string(limits::kMaxEmbeddedPickleDepth) +
                                " deep (kMaxEmbeddedPickleDepth): what they would run cannot be judged");
    constexpr int kLegacyStreams = 4;
    uint64_t at = 0;
    const RunOptions options;  // outlives `inner`, which keeps references into it
    for (int stream = 0; stream < kLegacyStreams && at < bytes.size(); ++stream) {
      try {
        Machine inner(bytes.subspan(at), in_.record() + " (embedded pickle)", options, this);
        at += inner.run().end_offset;
      } catch (const EmbeddedTooDeep&) {
        throw;
      } catch (const ReadError&) {
        break;
      }
    }
  }

  Value make_object(Value callable, Value args, bool newobj) {
    Value obj = g().make_node(Kind::Object);
    Node& n = g().node(obj);
    n.callable = callable;
    n.args = args;
    n.built_by_newobj = newobj;
    return obj;
  }

  // The graph's global, noting where the stream first names it (a loader
  // that stops at a global it cannot resolve stops there).
  Value make_global(std::string module, std::string name) {
    Value v = g().make_global(std::move(module), std::move(name));
    if (v.a >= first_named_.size()) first_named_.resize(v.a + 1, opcodes_);
    return v;
  }

  Value push_global(std::string module, std::string name) {
    if (module.empty() || name.empty()) fail("empty module or class name");
    Value v = make_global(normalise_module(std::move(module)), std::move(name));
    push(v);
    return v;
  }

  Value make_int_from_decimal(std::string_view text) {
    if (text.size() > limits::kMaxLongBytes * 3)
      fail("an integer literal of " + std::to_string(text.size()) + " digits exceeds the limit of " +
           std::to_string(limits::kMaxLongBytes * 3) + " (3 x kMaxLongBytes)");
    if (!text.empty() && text.back() == 'L') text.remove_suffix(1);
    if (text.empty()) fail("empty integer literal");
    size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
    if (i == text.size()) fail("malformed integer literal");
    for (size_t k = i; k < text.size(); ++k)
      if (text[k] < '0' || text[k] > '9') fail("malformed integer literal '" + std::string(text) + "'");
    errno = 0;
    char* end = nullptr;
    std::string s(text);
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno == ERANGE) {
      std::string digits(text[0] == '+' ? text.substr(1) : text);
      return g().make_str(digits, Kind::BigInt);
    }
    return Value{Kind::Int, 0, static_cast<uint64_t>(v)};
  }

  Value make_long(std::span<const uint8_t> b) {
    if (b.size() <= 8) {
      uint64_t v = 0;
      for (size_t i = b.size(); i-- > 0;) v = (v << 8) | b[i];
      if (!b.empty() && b.size() < 8 && (b.back() & 0x80)) v |= ~uint64_t{0} << (8 * b.size());
      return Value{Kind::Int, 0, v};
    }
    return g().make_str(le_bytes_to_decimal(b), Kind::BigInt);
  }

  // Returns true on STOP. One case per opcode, in one switch on purpose: it is
  // the opcode table (compare CPython's Lib/pickletools.py), and split into
  // helpers it would no longer read as one (longer than the house's 80 lines).
  bool step(uint8_t op) {
    switch (op) {
      case 0x80: {  // PROTO
        uint8_t p = in_.u8();
        if (p > 5) fail("pickle protocol " + std::to_string(p) + " is newer than 5", RuleId::UnsupportedFormat);
        result_.protocol = p;
        return false;
      }
      case 0x95: {  // FRAME: a length hint; the bytes follow inline
        uint64_t n = in_.u64();
        if (n > in_.remaining()) fail("frame of " + std::to_string(n) + " bytes runs past the end");
        return false;
      }
      case '.':  // STOP
        result_.root = pop();
        return true;
      case '(':
        if (marks_.size() >= limits::kMaxMarkDepth)
          fail("more than " + std::to_string(limits::kMaxMarkDepth) + " nested MARKs (kMaxMarkDepth)");
        marks_.push_back(stack_.size());
        return false;
      case '1': pop_mark(); return false;
      case '0':
        if (stack_.size() == mark_base() && !marks_.empty()) marks_.pop_back();
        else pop();
        return false;
      case '2': push(top()); return false;
      case 'N': push({Kind::None}); return false;
      case 0x88: push({Kind::Bool, 0, 1}); return false;
      case 0x89: push({Kind::Bool, 0, 0}); return false;
      case 'I': {
        std::string_view t = in_.line(64);
        if (t == "00" || t == "01") push({Kind::Bool, 0, t == "01" ? 1u : 0u});
        else push(make_int_from_decimal(t));
        return false;
      }
      case 'J': push({Kind::Int, 0, static_cast<uint64_t>(static_cast<int64_t>(in_.i32()))}); return false;
      case 'K': push({Kind::Int, 0, in_.u8()}); return false;
      case 'M': push({Kind::Int, 0, in_.u16()}); return false;
      case 'L': push(make_int_from_decimal(in_.line(limits::kMaxLongBytes * 3))); return false;
      case 0x8a: case 0x8b: {  // LONG1, LONG4
        int64_t n = op == 0x8a ? in_.u8() : in_.i32();
        if (n < 0) fail("negative byte count");
        if (static_cast<uint64_t>(n) > limits::kMaxLongBytes)
          fail("an integer of " + std::to_string(n) + " bytes exceeds the limit of " +
               std::to_string(limits::kMaxLongBytes) + " (kMaxLongBytes)");
        push(make_long(in_.take(static_cast<uint64_t>(n))));
        return false;
      }
      case 'F': {
        std::string t(in_.line(64));
        char* end = nullptr;
        double d = std::strtod(t.c_str(), &end);
        if (end == t.c_str()) fail("malformed float literal");
        uint64_t bits;
        std::memcpy(&bits, &d, 8);
        push({Kind::Float, 0, bits});
        return false;
      }
      case 'G': {  // big-endian IEEE double
        auto b = in_.take(8);
        uint64_t bits = 0;
        for (uint8_t x : b) bits = (bits << 8) | x;
        push({Kind::Float, 0, bits});
        return false;
      }
      case 'S': {
        auto s = unquote_py_string(in_.line(limits::kMaxStringBytes));
        if (!s) fail("malformed string literal");
        push(g().make_str(*s, Kind::Str));
        return false;
      }
      case 'T': { int32_t n = in_.i32(); if (n < 0) fail("negative length"); push(g().make_str(checked_text(static_cast<uint64_t>(n)))); return false; }
      case 'U': push(g().make_str(checked_text(in_.u8()))); return false;
      case 'V': push(g().make_str(decode_raw_unicode_escape(in_.line(limits::kMaxStringBytes)))); return false;
      case 'X': push(g().make_str(checked_text(in_.u32()))); return false;
      case 0x8c: push(g().make_str(checked_text(in_.u8()))); return false;
      case 0x8d: push(g().make_str(checked_text(in_.u64()))); return false;
      case 'B': push(g().make_str(checked_text(in_.u32()), Kind::Bytes)); return false;
      case 'C': push(g().make_str(checked_text(in_.u8()), Kind::Bytes)); return false;
      case 0x8e: case 0x96: push(g().make_str(checked_text(in_.u64()), Kind::Bytes)); return false;
      case 0x97: case 0x98: fail("out-of-band buffers are not used by torch", RuleId::UnsupportedFormat);
      case ')': push(g().make_tuple(nullptr, 0)); return false;
      case 't': { auto items = pop_mark(); push(g().make_tuple(items.data(), items.size())); return false; }
      case 0x85: case 0x86: case 0x87: {
        size_t n = static_cast<size_t>(op - 0x84);
        if (stack_.size() < mark_base() + n) fail("stack underflow");
        Value v = g().make_tuple(stack_.data() + stack_.size() - n, n);
        shrink_stack(stack_.size() - n);
        push(v);
        return false;
      }
      case ']': push(g().make_node(Kind::List)); return false;
      case 'l': { auto items = pop_mark(); Value l = g().make_node(Kind::List); g().node(l).items = std::move(items); push(l); return false; }
      case 'a': { last_mutation_ = opcodes_; Value v = pop(); append_to(top(), &v, 1); return false; }
      case 'e': { last_mutation_ = opcodes_; auto items = pop_mark(); append_to(top(), items.data(), items.size()); return false; }
      case '}': push(g().make_node(Kind::Dict)); return false;
      case 'd': {
        auto items = pop_mark();
        if (items.size() % 2) fail("odd number of items for a dict");
        Value d = g().make_node(Kind::Dict);
        g().node(d).pairs = std::move(items);
        push(d);
        return false;
      }
      case 's': { last_mutation_ = opcodes_; Value v = pop(); Value k = pop(); Value kv[2] = {k, v}; set_items(top(), kv, 2); return false; }
      case 'u': { last_mutation_ = opcodes_;
        auto items = pop_mark();
        if (items.size() % 2) fail("odd number of items for SETITEMS");
        set_items(top(), items.data(), items.size());
        return false;
      }
      case 0x8f: push(g().make_node(Kind::Set)); return false;
      case 0x90: { last_mutation_ = opcodes_;
        auto items = pop_mark();
        Value& s = top();
        if (s.kind != Kind::Set) fail("ADDITEMS on something that is not a set");
        auto& dst = g().node(s).items;
        dst.insert(dst.end(), items.begin(), items.end());
        return false;
      }
      case 0x91: { auto items = pop_mark(); Value s = g().make_node(Kind::FrozenSet); g().node(s).items = std::move(items); push(s); return false; }
      case 'p': memo_put(parse_index(in_.line(32))); return false;
      case 'q': memo_put(in_.u8()); return false;
      case 'r': memo_put(in_.u32()); return false;
      case 0x94: memo_put(memo_count_); return false;
      case 'g': memo_get(parse_index(in_.line(32))); return false;
      case 'h': memo_get(in_.u8()); return false;
      case 'j': memo_get(in_.u32()); return false;
      case 'c': {
        std::string module(in_.line(1024));
        std::string name(in_.line(1024));
        push_global(std::move(module), std::move(name));
        return false;
      }
      case 0x93: {  // STACK_GLOBAL: names may come from the memo; we resolve values, not bytes
        Value name = pop(), module = pop();
        if (module.kind != Kind::Str || name.kind != Kind::Str) fail("module and name must be strings");
        push_global(std::string(g().text(module)), std::string(g().text(name)));
        return false;
      }
      case 'R': {
        Value args = pop();
        Origin callable_origin = origins_.empty() ? Origin{} : origins_.back();
        Value callable = pop();
        use_global(callable, /*called=*/true, false);
        if (callable.kind == Kind::Global) judge_arguments(g().global(callable), args);
        if (hook_ && callable.kind == Kind::Global) {
          if (auto v = hook_->reduce(g(), g().global(callable), args)) {
            release_arguments(callable_origin);
            push(*v);
            return false;
          }
        }
        push(make_object(callable, args, false));
        return false;
      }
      case 0x81: {
        Value args = pop(), cls = pop();
        use_global(cls, false, /*instantiated=*/true);
        push(make_object(cls, args, true));
        return false;
      }
      case 0x92: {
        pop();  // kwargs: kept out of the graph; torch never writes NEWOBJ_EX
        Value args = pop(), cls = pop();
        use_global(cls, false, true);
        push(make_object(cls, args, true));
        return false;
      }
      case 'i': {
        std::string module(in_.line(1024));
        std::string name(in_.line(1024));
        auto items = pop_mark();
        Value cls = make_global(normalise_module(std::move(module)), std::move(name));
        use_global(cls, /*called=*/true, true);  // INST runs cls(*args), whatever cls is
        push(make_object(cls, g().make_tuple(items.data(), items.size()), true));
        return false;
      }
      case 'o': {
        auto items = pop_mark();
        if (items.empty()) fail("OBJ without a class");
        use_global(items[0], /*called=*/true, true);  // OBJ runs cls(*args), whatever cls is
        push(make_object(items[0], g().make_tuple(items.data() + 1, items.size() - 1), true));
        return false;
      }
      case 'b': { last_mutation_ = opcodes_;
        Value state = pop();
        Value& target = top();
        if (target.kind != Kind::Object) fail("BUILD on something that is not an object");
        g().node(target).state = state;
        return false;
      }
      case 'P': {
        Value text = g().make_str(in_.line(1024));
        push(g().make_tuple(&text, 1, Kind::PersId));
        result_.has_text_persid = true;
        return false;
      }
      case 'Q': {
        Value pid = pop();
        if (pid.kind == Kind::Tuple) pid.kind = Kind::PersId;
        else pid = g().make_tuple(&pid, 1, Kind::PersId);
        result_.persistent_ids.push_back(pid);
        push(pid);
        return false;
      }
      case 0x82: case 0x83: case 0x84:
        fail("extension-registry codes are not used by torch", RuleId::UnsupportedFormat);
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        throw ReadError(RuleId::UnreadableFile, in_.record(), op_offset_,
                        std::string("unknown pickle opcode ") + hex +
                            (opcodes_ == 1 ? " at the start: this is not a pickle" : ""));
      }
    }
  }

  // Where the stack, the tuple pool and the node table stood when a value was pushed.
  struct Origin {
    size_t pool = 0;
    size_t nodes = 0;
    uint64_t opcode = 0;
  };

  static bool refers_to_pool(const Value& v) {
    switch (v.kind) {
      case Kind::Tuple: case Kind::PersId: case Kind::List: case Kind::Dict: case Kind::Set:
      case Kind::FrozenSet: case Kind::Object: return true;
      default: return false;
    }
  }
  static bool created_since(const Value& v, const Origin& o) {
    if (v.kind == Kind::Tuple || v.kind == Kind::PersId) return v.b >= o.pool;
    return refers_to_pool(v) && v.b >= o.nodes;
  }

  // Everything created after the callable was pushed was built for its arguments.
  // It can be released when nothing outside can reach it: values lower on the
  // stack are older, no container was mutated meanwhile, and memo entries stored
  // meanwhile are handed to the hook to keep what they need.
  void release_arguments(const Origin& callable) {
    if (last_mutation_ >= callable.opcode) return;  // keep the arguments; an enclosing call may still release them
    while (!puts_.empty() && puts_.back().opcode >= callable.opcode) {
      uint64_t index = puts_.back().index;
      Value slot = memo_.get(index);
      if (created_since(slot, callable)) memo_.set(index, hook_->keep(g(), slot));
      puts_.pop_back();
    }
    auto& pids = result_.persistent_ids;
    while (!pids.empty() && created_since(pids.back(), callable)) pids.pop_back();
    g().truncate(callable.pool, callable.nodes);
  }

  uint64_t parse_index(std::string_view t) {
    if (t.empty() || t.size() > 12) fail("malformed memo index");
    uint64_t v = 0;
    for (char c : t) {
      if (c < '0' || c > '9') fail("malformed memo index");
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    return v;
  }

  void append_to(const Value& target, const Value* items, size_t n) {
    if (target.kind != Kind::List && target.kind != Kind::Object)
      fail("APPEND to something that is not a list");
    Node& node = g().node(target);
    if (n && !node.first_item_opcode) node.first_item_opcode = opcodes_;
    node.items.insert(node.items.end(), items, items + n);
  }
  void set_items(const Value& target, const Value* kv, size_t n) {
    if (target.kind != Kind::Dict && target.kind != Kind::Object)
      fail("SETITEM on something that is not a dict");
    Node& node = g().node(target);
    if (n && !node.first_item_opcode) node.first_item_opcode = opcodes_;
    node.pairs.insert(node.pairs.end(), kv, kv + n);
  }

  static constexpr uint64_t kReleaseChunk = 1 << 20;

  ByteCursor in_;
  std::span<const uint8_t> bytes_;
  const std::function<void(std::span<const uint8_t>)>& release_;
  uint64_t released_ = 0;
  const ReduceHook* hook_;
  Machine* embedding_;  // the machine whose pickle embeds this one, if any
  size_t embedded_depth_;
  PickleResult result_;
  struct Put {
    uint64_t opcode;
    uint64_t index;
  };

  std::vector<Value> stack_;
  std::vector<Origin> origins_;  // parallel to stack_
  std::vector<Put> puts_;        // memo stores of pool-backed values not yet released
  uint64_t last_mutation_ = 0;   // opcode number of the last APPEND/SETITEM/ADDITEMS/BUILD
  std::vector<size_t> marks_;
  Memo memo_;
  uint64_t memo_count_ = 0;
  uint64_t opcodes_ = 0;
  uint64_t op_offset_ = 0;
  uint8_t op_ = 0;
  std::unordered_map<uint32_t, GlobalUse> uses_;
  std::vector<uint64_t> first_named_;  // by global index: GlobalUse::first_opcode
};

}  // namespace

std::string normalise_module(std::string module) {
  if (module == "__builtin__") return "builtins";
  if (module == "copy_reg") return "copyreg";
  if (module == "torch.tensor") return "torch._tensor";
  if (module.rfind("numpy._core", 0) == 0) return "numpy.core" + module.substr(11);
  return module;
}

PickleResult run(std::span<const uint8_t> bytes, const std::string& record, const RunOptions& options) {
  return Machine(bytes, record, options).run();
}

}  // namespace ckptcheck::pickle
