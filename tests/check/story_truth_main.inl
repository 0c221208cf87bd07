// The story truth program's main, included at the end of the TU that
// gen_story_registry.py generates (after every story model and kStories).
//
//   ckptcheck_story_truth --write DIR   torch::save each LibTorch-written story checkpoint
//                                       (the writer model, seed 0) to DIR/<checkpoint>
//   ckptcheck_story_truth --truth DIR   print JSON for every story: the code's
//                                       named_parameters()/named_buffers() and what
//                                       torch::load(model, DIR/<checkpoint>) does
//   ckptcheck_story_truth --load STORY FILE  what torch::load(model, FILE) does for
//                                       that story's model, as torch_load below
//
// --truth prints [{"name", "entries": [{"name", "kind", "shape", "dtype",
// "storage_group"}], "torch_load": {"ok", "error", "changed", "corrupted"}}].
// storage_group is the index of the first entry on the same storage (tied
// weights share one). torch_load.error is the first line of the exception
// without LibTorch's backtrace; changed lists entries whose shape or dtype
// differ after a load that did not throw (torch::load replaces tensors with
// set_, it does not check); corrupted lists entries whose values after that load
// are not the checkpoint's (read back with torch::jit::load), in the model's order.

#include <nlohmann/json.hpp>
#include <torch/script.h>

#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>

namespace ckptcheck_story {

std::string dtype_name(c10::ScalarType type) {
  switch (type) {
    case c10::ScalarType::Float: return "float32";
    case c10::ScalarType::Double: return "float64";
    case c10::ScalarType::Half: return "float16";
    case c10::ScalarType::BFloat16: return "bfloat16";
    case c10::ScalarType::Long: return "int64";
    case c10::ScalarType::Int: return "int32";
    case c10::ScalarType::Short: return "int16";
    case c10::ScalarType::Char: return "int8";
    case c10::ScalarType::Byte: return "uint8";
    case c10::ScalarType::Bool: return "bool";
    default: return c10::toString(type);
  }
}

struct Entry {
  std::string name, kind, dtype;
  std::vector<int64_t> shape;
  const void* storage;
};

std::vector<Entry> list_entries(const torch::nn::Module& model) {
  std::vector<Entry> out;
  for (const auto& item : model.named_parameters(/*recurse=*/true))
    out.push_back({item.key(), "parameter", dtype_name(item.value().scalar_type()), item.value().sizes().vec(),
                   item.value().storage().unsafeGetStorageImpl()});
  for (const auto& item : model.named_buffers(/*recurse=*/true))
    out.push_back({item.key(), "buffer", dtype_name(item.value().scalar_type()), item.value().sizes().vec(),
                   item.value().storage().unsafeGetStorageImpl()});
  return out;
}

std::string first_line(std::string text, const std::string& dir) {
  text = text.substr(0, text.find('\n'));
  for (size_t at; !dir.empty() && (at = text.find(dir)) != std::string::npos;) text.erase(at, dir.size());
  return text;
}

// The entries whose values after torch::load are not the checkpoint's: each is
// compared, in the checkpoint's dtype, with the tensor of that name that
// torch::jit::load reads from the file. (torch::load keeps the model's dtype,
// so a tensor of another dtype holds the file's bytes read as its own.)
nlohmann::ordered_json corrupted_entries(const torch::nn::Module& model, const std::string& path) {
  std::map<std::string, at::Tensor> in_file;
  torch::jit::Module file = torch::jit::load(path);
  for (const auto& p : file.named_parameters(/*recurse=*/true)) in_file.emplace(p.name, p.value);
  for (const auto& b : file.named_buffers(/*recurse=*/true)) in_file.emplace(b.name, b.value);
  auto corrupted = nlohmann::ordered_json::array();
  auto compare = [&](const std::string& name, const at::Tensor& loaded) {
    auto it = in_file.find(name);
    if (it == in_file.end()) return;
    const at::Tensor& saved = it->second;
    if (!loaded.sizes().equals(saved.sizes()) || !torch::equal(loaded.to(saved.scalar_type()), saved))
      corrupted.push_back(name);
  };
  for (const auto& item : model.named_parameters(/*recurse=*/true)) compare(item.key(), item.value());
  for (const auto& item : model.named_buffers(/*recurse=*/true)) compare(item.key(), item.value());
  return corrupted;
}

// What torch::load(model, path) does for the story's model; `dir` is taken out
// of error messages that quote the path.
nlohmann::ordered_json try_load_file(const Story& story, const std::string& path, const std::string& dir) {
  nlohmann::ordered_json out;
  auto model = story.construct();
  const auto before = list_entries(*model);
  try {
    torch::load(model, path);
  } catch (const c10::Error& e) {
    out["ok"] = false;
    out["error"] = first_line(e.what_without_backtrace(), dir + "/");
    return out;
  } catch (const std::exception& e) {
    out["ok"] = false;
    out["error"] = first_line(e.what(), dir + "/");
    return out;
  }
  out["ok"] = true;
  out["error"] = nullptr;
  std::map<std::string, Entry> after;
  for (auto& e : list_entries(*model)) after.emplace(e.name, e);
  auto changed = nlohmann::ordered_json::array();
  for (const auto& b : before) {
    const auto& a = after.at(b.name);
    if (a.shape == b.shape && a.dtype == b.dtype) continue;
    changed.push_back({{"key", b.name},
                       {"before", {{"shape", b.shape}, {"dtype", b.dtype}}},
                       {"after", {{"shape", a.shape}, {"dtype", a.dtype}}}});
  }
  out["changed"] = std::move(changed);
  out["corrupted"] = corrupted_entries(*model, path);
  return out;
}

nlohmann::ordered_json try_load(const Story& story, const std::string& dir) {
  return try_load_file(story, dir + "/" + story.checkpoint, dir);
}

nlohmann::ordered_json describe(const Story& story, const std::string& dir) {
  nlohmann::ordered_json out;
  out["name"] = story.name;
  auto entries = nlohmann::ordered_json::array();
  std::map<const void*, size_t> groups;
  for (const auto& e : list_entries(*story.construct())) {
    const size_t group = groups.emplace(e.storage, entries.size()).first->second;
    entries.push_back({{"name", e.name}, {"kind", e.kind}, {"shape", e.shape}, {"dtype", e.dtype},
                       {"storage_group", group}});
  }
  out["entries"] = std::move(entries);
  out["torch_load"] = try_load(story, dir);
  return out;
}

}  // namespace ckptcheck_story

int main(int argc, char** argv) {
  using namespace ckptcheck_story;
  if (argc == 4 && std::strcmp(argv[1], "--load") == 0) {
    // --load STORY FILE: torch::load FILE into the model of story STORY (how
    // tests/check/printed_fixes_test.py checks a converted file).
    for (const auto& story : kStories)
      if (std::strcmp(story.name, argv[2]) == 0) {
        torch::manual_seed(0);
        std::cout << try_load_file(story, argv[3], ".").dump() << "\n";
        return 0;
      }
    std::cerr << argv[0] << ": no story " << argv[2] << "\n";
    return 2;
  }
  if (argc != 3 || (std::strcmp(argv[1], "--write") != 0 && std::strcmp(argv[1], "--truth") != 0)) {
    std::cerr << "usage: " << argv[0] << " --write DIR | --truth DIR | --load STORY FILE\n";
    return 2;
  }
  const std::string dir = argv[2];
  try {
    if (std::strcmp(argv[1], "--write") == 0) {
      std::set<std::string> written;
      for (const auto& story : kStories) {
        if (!story.construct_writer || !written.insert(story.checkpoint).second) continue;
        const auto path = std::filesystem::path(dir) / story.checkpoint;
        std::filesystem::create_directories(path.parent_path());
        torch::manual_seed(0);
        torch::save(story.construct_writer(), path.string());
        std::cout << "wrote " << path.string() << "\n";
      }
      return 0;
    }
    auto all = nlohmann::ordered_json::array();
    for (const auto& story : kStories) {
      torch::manual_seed(0);
      all.push_back(describe(story, dir));
    }
    std::cout << all.dump(1) << "\n";
  } catch (const std::exception& e) {
    std::cerr << argv[0] << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
