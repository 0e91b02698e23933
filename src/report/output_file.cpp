#include "report/output_file.hpp"

#include "core/errors.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <utility>

namespace fabcast::report {
namespace {

// Where writing `path` goes: `file` is the regular file to replace (links followed), empty for a stream.
struct Target {
  OutputKind kind = OutputKind::file;
  std::filesystem::path file;
};

// "/dev/stdout", "/dev/stderr", "/dev/fd/N", "/proc/self/fd/N": a descriptor this process already
// has. Written to as it is, as a shell does, rather than reopened: a pipe another user made cannot
// be reopened, and the shell already chose whether a file was truncated or appended to.
std::optional<int> descriptor_of(const std::filesystem::path& path) {
  const std::string text = path.lexically_normal().string();
  if (text == "/dev/stdout") return 1;
  if (text == "/dev/stderr") return 2;
  for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!text.starts_with(prefix)) continue;
    int fd = -1;
    const char* end = text.data() + text.size();
    if (const auto [at, ec] = std::from_chars(text.data() + prefix.size(), end, fd);
        ec == std::errc{} && at == end && fd >= 0) {
      return fd;
    }
  }
  return std::nullopt;
}

bool under_proc(const std::filesystem::path& path) {
  std::error_code ec;
  const auto dir = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec).parent_path(), ec);
  return !ec && dir.string().starts_with("/proc/");
}

Target resolve(const std::filesystem::path& path) {
  if (path.empty()) throw InputError("an output path is empty: give a file name");
  if (!path.has_filename()) {
    throw InputError(fmt::format("{}: names a directory; give the path of a file to write", path.string()));
  }
  if (descriptor_of(path)) return {OutputKind::stream, {}};
  // Follow the links hop by hop rather than with canonical(): a dangling link still names the file
  // to create, and a link inside /proc (a link to /dev/stdout ends at /proc/self/fd/1) names an
  // open descriptor, written directly even when it is a regular file, so `>>` keeps appending.
  std::filesystem::path at = path;
  for (int hop = 0;; ++hop) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(std::filesystem::symlink_status(at, ec))) break;
    if (under_proc(at)) return {OutputKind::stream, {}};
    if (hop == 40) {  // Linux's own limit
      throw RunError(fmt::format("{}: cannot write: too many levels of symbolic links", path.string()));
    }
    const auto target = std::filesystem::read_symlink(at, ec);
    if (ec) throw RunError(fmt::format("{}: cannot write: {}", path.string(), ec.message()));
    at = target.is_absolute() ? target : at.parent_path() / target;
  }
  struct stat st {};
  if (::stat(at.c_str(), &st) != 0) return {OutputKind::file, at};  // none yet (or unreachable: the write says why)
  if (S_ISREG(st.st_mode)) return {OutputKind::file, at};
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return {OutputKind::stream, {}};
  const char* what = S_ISDIR(st.st_mode)   ? "a directory"
                     : S_ISBLK(st.st_mode) ? "a block device"
                                           : "not a file, terminal or pipe";
  throw InputError(fmt::format("{}: is {}; give the path of a file to write", path.string(), what));
}

[[noreturn]] void fail(const std::filesystem::path& path, int error) {
  throw RunError(fmt::format("{}: cannot write: {}", path.string(), std::strerror(error)));
}

// Writes every byte (write() may take fewer than asked, or be interrupted); false with errno set on failure.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A temporary file beside the target, removed when it goes out of scope unless renamed into place:
// every failure path, an exception included, cleans up after itself.
class TempFile {
 public:
  TempFile(const std::filesystem::path& target, const std::filesystem::path& shown) {
    const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    // A name of our own (pid and attempt, created exclusively): two writers of one target never share one.
    for (int attempt = 0; fd_ < 0; ++attempt) {
      path_ = dir / fmt::format("{}.{}-{}.tmp", target.filename().string(), ::getpid(), attempt);
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && (errno != EEXIST || attempt == 100)) fail(shown, errno);
    }
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  [[nodiscard]] int fd() const noexcept { return fd_; }
  //! Closes the file; the close can report a failed write (NFS, quotas), so its error counts.
  bool close() {
    const int fd = std::exchange(fd_, -1);
    return ::close(fd) == 0;
  }
  //! Renames the file onto `target`; afterwards there is nothing left to remove.
  bool rename_onto(const std::filesystem::path& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0) return false;
    path_.clear();
    return true;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace

OutputKind check_output_path(const std::filesystem::path& path) { return resolve(path).kind; }

void write_output_file(const std::filesystem::path& path, std::string_view bytes) {
  const Target target = resolve(path);
  if (const auto fd = descriptor_of(path)) {
    if (!write_all(*fd, bytes)) fail(path, errno);
    return;
  }
  if (target.kind == OutputKind::stream) {
    // Appending: for a descriptor reached through a link onto a regular file the shell chose
    // whether it was truncated; for devices and pipes it changes nothing.
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) fail(path, errno);
    const bool written = write_all(fd, bytes);
    const int error = errno;
    if (::close(fd) != 0 && written) fail(path, errno);
    if (!written) fail(path, error);
    return;
  }
  std::error_code ec;
  if (target.file.has_parent_path()) std::filesystem::create_directories(target.file.parent_path(), ec);
  TempFile tmp(target.file, path);
  // A replaced file keeps its permissions; a new one gets the umask's, as open() gave the temporary file.
  struct stat st {};
  if (::stat(target.file.c_str(), &st) == 0) (void)::fchmod(tmp.fd(), st.st_mode & 07777);
  if (!write_all(tmp.fd(), bytes)) fail(path, errno);
  if (!tmp.close()) fail(path, errno);
  if (!tmp.rename_onto(target.file)) fail(path, errno);
}

}  // namespace fabcast::report
