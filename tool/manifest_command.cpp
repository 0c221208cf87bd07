// `ckptcheck manifest w.pth > w.ckpt.json`: what the check needs from a
// checkpoint, as a small file to commit instead of the weights
// (ckptcheck/formats/manifest.h).
#include <filesystem>
#include <iostream>
#include <sstream>

#include "atomic_file.h"
#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/formats/manifest.h"
#include "commands.h"
#include "sha256.h"

namespace ckptcheck {
namespace {

// The size and digest of the file itself; for a header-only safetensors file,
// the size its header declares and no digest (the bytes are elsewhere).
CheckpointFacts facts_of(const std::string& path, const Inventory& inv) {
  CheckpointFacts facts;
  facts.file = path;
  if (inv.stand_in) {
    facts.size = inv.stand_in->size;
    return facts;
  }
  facts.size = std::filesystem::file_size(path);
  auto digest = file_sha256(path);
  if (!digest) throw std::runtime_error("cannot read " + path + " to hash it");
  facts.sha256 = *digest;
  return facts;
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

}  // namespace

int run_manifest(const ManifestOptions& options) {
  const std::string& path = options.checkpoint;
  if (options.output && same_file(path, *options.output)) {
    std::cerr << "ckptcheck: error: -o names the checkpoint itself; ckptcheck never writes to an input\n";
    return kExitInputError;
  }
  Inventory inv;
  try {
    inv = inspect_file(path);
  } catch (const ReadError& e) {
    std::cerr << path << ": error: " << e.what() << " [" << rule_info(e.rule()).code << ' ' << rule_info(e.rule()).name
              << "]\n";
    return kExitInputError;
  }
  if (inv.stand_in && inv.stand_in->kind == "manifest") {
    std::cerr << "ckptcheck: error: " << path << " is a manifest already (of " << inv.stand_in->of
              << "); the check reads it as it is\n";
    return kExitInputError;
  }
  std::ostringstream text;
  try {
    write_manifest(text, inv, facts_of(path, inv), std::string("ckptcheck ") + options.version);
    if (!options.output) {
      std::cout << text.str() << std::flush;
      return kExitClean;
    }
    write_file_atomically(*options.output, text.str());
  } catch (const std::exception& e) {
    std::cerr << "ckptcheck: error: " << e.what() << '\n';
    return kExitInputError;
  }
  std::cerr << "ckptcheck: wrote " << *options.output << ": a manifest of " << path << ", " << inv.tensors.size()
            << (inv.tensors.size() == 1 ? " tensor" : " tensors") << ", " << text.str().size() << " bytes\n";
  return kExitClean;
}

}  // namespace ckptcheck
