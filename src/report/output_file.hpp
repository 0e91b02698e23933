#pragma once
// Writing a file the user named (-o): the rule of docs/cli.md, "Output files". A regular file is
// replaced whole (a temporary file beside it, renamed into place) so a reader never sees half of
// it; a symbolic link is followed and kept; /dev/stdout and the like are the descriptors they
// name; a terminal, pipe or character device is written directly, since renaming over it would
// replace the device by a file; anything else is refused. A failed write leaves no temporary file.

#include <filesystem>
#include <string_view>

namespace fabcast::report {

//! How a user-given output path is written.
enum class OutputKind {
  file,    //!< a regular file, or none yet: written through a temporary file renamed into place
  stream,  //!< a descriptor (/dev/stdout), character device or FIFO (a terminal, a pipe, /dev/null): written directly
};

//! Checks that `path` can be written as an output, before any work is done for it: throws
//! InputError for an empty path, a directory, a block device or a socket.
OutputKind check_output_path(const std::filesystem::path& path);

//! Writes `bytes` to `path` by the rule above, creating missing parent directories. Throws
//! InputError for a path check_output_path refuses, RunError naming the path and the system's
//! reason (such as "No space left on device") when writing fails.
void write_output_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace fabcast::report
