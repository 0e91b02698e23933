#pragma once
// Checking a zip archive written by a library that does not report every failed write.
// libxlsxwriter 1.1 writes each part of a workbook to a temporary file before zipping it and ignores
// write errors there: with the temporary directory full, it returns success with parts cut short.

#include <optional>
#include <string>
#include <string_view>

namespace fabcast::report {

//! The name of the first XML part of the zip archive `zip` that cannot be read whole or whose text
//! stops before its root element closes ("(the archive's directory)" when the archive itself is
//! unreadable); nullopt when every XML part is complete. Zip64 archives (over 4 GiB) are not checked.
std::optional<std::string> first_incomplete_xml_part(std::string_view zip);

}  // namespace fabcast::report
