#include "call_sites.h"

#include <filesystem>

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/MemoryBuffer.h>

extern "C" {
struct jit_code_entry {
  jit_code_entry* next_entry;
  jit_code_entry* prev_entry;
  const char* symfile_addr;
  uint64_t symfile_size;
};
struct jit_descriptor {
  uint32_t version;
  uint32_t action_flag;
  jit_code_entry* relevant_entry;
  jit_code_entry* first_entry;
};
extern jit_descriptor __jit_debug_descriptor;
}

namespace ckptcheck::exec {

struct CallSites::Object {
  std::unique_ptr<llvm::object::ObjectFile> file;
  std::unique_ptr<llvm::DWARFContext> dwarf;
  struct Section {
    uint64_t begin, end, index;
  };
  std::vector<Section> text;
};

CallSites::CallSites() {
  for (jit_code_entry* e = __jit_debug_descriptor.first_entry; e; e = e->next_entry) {
    auto file = llvm::object::ObjectFile::createObjectFile(
        llvm::MemoryBufferRef(llvm::StringRef(e->symfile_addr, e->symfile_size), "jit"));
    if (!file) {
      llvm::consumeError(file.takeError());
      continue;
    }
    auto object = std::make_unique<Object>();
    object->file = std::move(*file);
    for (const llvm::object::SectionRef& s : object->file->sections())
      if (s.isText() && s.getSize() > 0) object->text.push_back({s.getAddress(), s.getAddress() + s.getSize(), s.getIndex()});
    if (object->text.empty()) continue;
    object->dwarf = llvm::DWARFContext::create(*object->file);
    objects_.push_back(std::move(object));
  }
}

CallSites::~CallSites() = default;

std::optional<CallSites::Frame> CallSites::frame_of(uint64_t return_address) {
  auto [it, fresh] = cache_.try_emplace(return_address);
  if (!fresh) return it->second;
  // The call instruction ends at the return address: look up the byte before.
  uint64_t call = return_address - 1;
  for (const auto& object : objects_)
    for (const Object::Section& s : object->text) {
      if (call < s.begin || call >= s.end) continue;
      llvm::DILineInfo info = object->dwarf->getLineInfoForAddress(
          {call, s.index}, llvm::DILineInfoSpecifier(llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath,
                                                     llvm::DILineInfoSpecifier::FunctionNameKind::None));
      if (info.Line == 0) return it->second;
      std::string file = std::filesystem::path(info.FileName).lexically_normal().string();
      it->second = Frame{file, static_cast<int>(info.Line), static_cast<int>(info.Column)};
      return it->second;
    }
  return it->second;
}

std::optional<Location> CallSites::model_frame(const std::vector<uint64_t>& returns,
                                               const std::function<bool(const std::string&)>& is_model_file) {
  for (uint64_t r : returns) {
    std::optional<Frame> f = frame_of(r);
    if (!f) continue;
    auto [shown, fresh] = shown_.try_emplace(f->file);
    if (fresh && is_model_file(f->file)) {
      std::string file = f->file;
      std::error_code ec;
      auto relative = std::filesystem::relative(file, std::filesystem::current_path(), ec);
      if (!ec && !relative.empty() && relative.native().rfind("..", 0) != 0) file = relative.string();
      shown->second = file;
    }
    if (!shown->second) continue;
    return Location{*shown->second, f->line, f->column};
  }
  return std::nullopt;
}

}  // namespace ckptcheck::exec
