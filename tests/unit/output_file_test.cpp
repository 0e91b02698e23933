// Writing user-given output paths (docs/cli.md, "Output files"): files replaced whole with their
// permissions, links followed and kept, pipes written through, directories refused, and a failed
// write leaving the old file whole and no temporary file; and the check of written workbooks.

#include "report/output_file.hpp"
#include "report/zip_check.hpp"

#include "core/errors.hpp"
#include "report/export.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace fabcast::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fresh directory per test, removed afterwards.
class Output : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fabcast-output-test-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Files in the test's directory (recursively) whose names end in .tmp.
  [[nodiscard]] int temporary_files() const {
    int n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) n += entry.path().extension() == ".tmp";
    return n;
  }
  fs::path dir_;
};

TEST_F(Output, WritesANewFileWithItsParentsAndReplacesAnOldOneKeepingItsPermissions) {
  const auto file = dir_ / "new" / "deeper" / "a.txt";
  write_output_file(file, "first");
  EXPECT_EQ(read(file), "first");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  write_output_file(file, "second");
  EXPECT_EQ(read(file), "second");
  EXPECT_EQ(fs::status(file).permissions(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(temporary_files(), 0);
}

TEST_F(Output, FollowsASymbolicLinkAndKeepsIt) {
  write_output_file(dir_ / "real.txt", "old");
  fs::create_symlink("real.txt", dir_ / "link.txt");
  write_output_file(dir_ / "link.txt", "through the link");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir_ / "link.txt")));
  EXPECT_EQ(read(dir_ / "real.txt"), "through the link");
  // A chain of links, the last dangling: the file it names is made, in a directory made for it.
  fs::create_symlink("hop.txt", dir_ / "first.txt");
  fs::create_symlink("sub/made.txt", dir_ / "hop.txt");
  write_output_file(dir_ / "first.txt", "made");
  EXPECT_EQ(read(dir_ / "sub" / "made.txt"), "made");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir_ / "first.txt")));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir_ / "hop.txt")));
  EXPECT_EQ(temporary_files(), 0);
}

TEST_F(Output, RefusesAnEmptyPathADirectoryAndALoop) {
  EXPECT_THROW(check_output_path(""), InputError);
  EXPECT_THROW(write_output_file("", "x"), InputError);
  try {
    write_output_file(dir_, "x");
    FAIL() << "wrote over a directory";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(dir_.string() + ": is a directory"));
  }
  EXPECT_THROW(write_output_file(dir_ / "sub/", "x"), InputError);
  fs::create_symlink("loop-b", dir_ / "loop-a");
  fs::create_symlink("loop-a", dir_ / "loop-b");
  EXPECT_THROW(write_output_file(dir_ / "loop-a", "x"), RunError);
  EXPECT_EQ(check_output_path(dir_ / "absent.txt"), OutputKind::file);
  EXPECT_EQ(check_output_path("/dev/stdout"), OutputKind::stream);
  EXPECT_THROW(check_csv_directory(""), InputError);
  write_output_file(dir_ / "a.csv", "x");
  EXPECT_THROW(check_csv_directory(dir_ / "a.csv"), InputError);
  EXPECT_NO_THROW(check_csv_directory(dir_ / "new-dir"));
}

TEST_F(Output, WritesThroughAPipe) {
  const auto fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = read(fifo); });
  EXPECT_EQ(check_output_path(fifo), OutputKind::stream);
  write_output_file(fifo, "through the pipe");
  reader.join();
  EXPECT_EQ(received, "through the pipe");
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(temporary_files(), 0);
}

// A write that fails past a file-size limit (EFBIG; SIGXFSZ ignored so the write reports it) names
// the file and the reason, keeps the old file and leaves no temporary file.
TEST_F(Output, AFailedWriteLeavesTheOldFileWholeAndNoTemporaryFile) {
  const auto file = dir_ / "a.txt";
  write_output_file(file, "old");
  rlimit before{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &before), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = before;
  limited.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  std::string message;
  try {
    write_output_file(file, std::string(100'000, 'x'));
  } catch (const RunError& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_THAT(message, HasSubstr(file.string() + ": cannot write: File too large"));
  EXPECT_EQ(read(file), "old");
  EXPECT_EQ(temporary_files(), 0);
}

// ---- the workbook check ----

// A zip archive of stored (uncompressed) parts, as PKWARE's APPNOTE lays it out.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string zip, directory;
  auto u16 = [](std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xff), out += static_cast<char>(v >> 8 & 0xff);
  };
  auto u32 = [&](std::string& out, std::uint32_t v) { u16(out, v & 0xffff), u16(out, v >> 16); };
  for (const auto& [name, text] : parts) {
    const auto offset = static_cast<std::uint32_t>(zip.size());
    const auto size = static_cast<std::uint32_t>(text.size());
    u32(zip, 0x04034b50), u16(zip, 20), u16(zip, 0), u16(zip, 0), u32(zip, 0), u32(zip, 0), u32(zip, size),
        u32(zip, size);
    u16(zip, static_cast<std::uint32_t>(name.size())), u16(zip, 0);
    zip += name + text;
    u32(directory, 0x02014b50), u16(directory, 20), u16(directory, 20), u16(directory, 0), u16(directory, 0),
        u32(directory, 0);
    u32(directory, 0), u32(directory, size), u32(directory, size),
        u16(directory, static_cast<std::uint32_t>(name.size()));
    u16(directory, 0), u16(directory, 0), u16(directory, 0), u16(directory, 0), u32(directory, 0),
        u32(directory, offset);
    directory += name;
  }
  const auto at = static_cast<std::uint32_t>(zip.size());
  zip += directory;
  u32(zip, 0x06054b50), u16(zip, 0), u16(zip, 0), u16(zip, static_cast<std::uint32_t>(parts.size()));
  u16(zip, static_cast<std::uint32_t>(parts.size())), u32(zip, static_cast<std::uint32_t>(directory.size())),
      u32(zip, at), u16(zip, 0);
  return zip;
}

TEST(ZipCheck, FindsAnXmlPartCutShort) {
  const std::string whole = R"(<?xml version="1.0"?><worksheet xmlns="x"><row/></worksheet>)";
  EXPECT_EQ(first_incomplete_xml_part(stored_zip({{"a.xml", whole}, {"b.bin", "not xml"}})), std::nullopt);
  EXPECT_EQ(
      first_incomplete_xml_part(stored_zip({{"a.xml", whole}, {"xl/worksheets/sheet2.xml", whole.substr(0, 50)}})),
      "xl/worksheets/sheet2.xml");
  EXPECT_EQ(first_incomplete_xml_part(stored_zip({{"a.xml", ""}})), "a.xml");
  const auto zip = stored_zip({{"a.xml", whole}});
  EXPECT_EQ(first_incomplete_xml_part(zip.substr(0, zip.size() - 10)), "(the archive's directory)");
  EXPECT_EQ(first_incomplete_xml_part("not a zip archive at all"), "(the archive's directory)");
}

TEST(ZipCheck, AWorkbookLibxlsxwriterWroteIsWhole) {
  store::StoredRun run;
  run.id = 1;
  Table table;
  table.name = "scalars";
  table.description = "numbers";
  table.columns = {"output", "value"};
  table.text = {{"a"}, {"b"}};
  table.numbers = {{1.5}, {std::nullopt}};
  const auto bytes = xlsx_workbook(run, {table}, "x.xlsx");
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  EXPECT_EQ(first_incomplete_xml_part(bytes), std::nullopt);
}

}  // namespace
}  // namespace fabcast::report
