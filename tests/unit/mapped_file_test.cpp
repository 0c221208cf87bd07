// The mapped checkpoint file: a file that shrinks while it is mapped (torch.save
// overwriting it) must give a clear error, not SIGBUS; FIFOs are refused
// without blocking.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "ckptcheck/formats/read_error.h"
#include "mapped_file.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ckptcheck-mapped-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

TEST(MappedFile, AFileThatShrinksWhileMappedIsAnErrorNotASignal) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  fs::path path = scratch("shrinks.pt");
  std::ofstream(path, std::ios::binary) << std::string(3 * page, 'x');
  MappedFile file(path.string());
  EXPECT_FALSE(file.changed());
  EXPECT_EQ(file.bytes()[2 * page], 'x');
  file.release(file.bytes());  // drop the cached pages, as the reader does
  fs::resize_file(path, page);
  // Without the guard this read kills the process with SIGBUS.
  EXPECT_EQ(file.bytes()[2 * page + 10], 0);
  EXPECT_TRUE(file.changed());
  try {
    file.throw_if_changed();
    ADD_FAILURE() << "no error";
  } catch (const ReadError& e) {
    EXPECT_EQ(e.rule(), RuleId::UnreadableFile);
    EXPECT_NE(std::string(e.what()).find("shrank while it was read"), std::string::npos) << e.what();
  }
  fs::remove_all(path.parent_path());
}

TEST(MappedFile, AnUnchangedFileIsNotReportedChanged) {
  fs::path path = scratch("same.pt");
  std::ofstream(path, std::ios::binary) << std::string(100, 'x');
  MappedFile file(path.string());
  EXPECT_EQ(file.bytes().size(), 100u);
  EXPECT_NO_THROW(file.throw_if_changed());
  fs::remove_all(path.parent_path());
}

TEST(MappedFile, AFifoIsRefusedWithoutWaitingForAWriter) {
  fs::path path = scratch("pipe.pt");
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  try {
    MappedFile file(path.string());
    ADD_FAILURE() << "a FIFO was opened";
  } catch (const ReadError& e) {
    EXPECT_NE(std::string(e.what()).find("FIFO"), std::string::npos) << e.what();
  }
  fs::remove_all(path.parent_path());
}

}  // namespace
}  // namespace ckptcheck
