#include "report/zip_check.hpp"

#include <zlib.h>

#include <array>
#include <cctype>
#include <cstdint>

namespace fabcast::report {
namespace {

// Zip structures (PKWARE APPNOTE.TXT, section 4.3): little-endian fields at fixed offsets.
constexpr std::uint32_t LOCAL_HEADER = 0x04034b50, CENTRAL_HEADER = 0x02014b50, END_OF_DIRECTORY = 0x06054b50;
constexpr std::uint32_t ZIP64_MARK = 0xffffffff;
constexpr std::size_t END_SIZE = 22, CENTRAL_SIZE = 46, LOCAL_SIZE = 30;
constexpr std::size_t KEEP = 512;  // bytes of a part's head (the root element's name) and tail (its closing tag) kept

const std::string ARCHIVE = "(the archive's directory)";

class Bytes {
 public:
  explicit Bytes(std::string_view bytes) : bytes_(bytes) {}
  [[nodiscard]] bool has(std::size_t at, std::size_t n) const { return at <= bytes_.size() && n <= bytes_.size() - at; }
  [[nodiscard]] std::uint32_t u16(std::size_t at) const { return byte(at) | byte(at + 1) << 8; }
  [[nodiscard]] std::uint32_t u32(std::size_t at) const { return u16(at) | u16(at + 2) << 16; }
  [[nodiscard]] std::string_view view(std::size_t at, std::size_t n) const { return bytes_.substr(at, n); }
  [[nodiscard]] std::size_t size() const { return bytes_.size(); }

 private:
  [[nodiscard]] std::uint32_t byte(std::size_t at) const { return static_cast<unsigned char>(bytes_[at]); }
  std::string_view bytes_;
};

// A part's text as far as the check needs it: its first and last KEEP bytes and its length.
struct Ends {
  std::string head, tail;
  std::size_t size = 0;
  void add(std::string_view chunk) {
    size += chunk.size();
    if (head.size() < KEEP) head.append(chunk.substr(0, KEEP - head.size()));
    tail.append(chunk);
    if (tail.size() > KEEP) tail.erase(0, tail.size() - KEEP);
  }
};

// Inflates a raw deflate stream (zip method 8), keeping only its ends; false when it does not decode to its end.
bool inflate_ends(std::string_view data, Ends& ends) {
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::array<char, 1 << 16> buffer{};
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    status = inflate(&z, Z_NO_FLUSH);
    ends.add(std::string_view(buffer.data(), buffer.size() - z.avail_out));
    if (status == Z_BUF_ERROR && z.avail_in == 0) break;  // input ended before the stream did
  }
  inflateEnd(&z);
  return status == Z_STREAM_END;
}

// Whether an XML text closes the root element it opens: `<?xml ...?><worksheet ...> ... </worksheet>`.
bool closes_its_root(const Ends& ends) {
  std::size_t at = 0;
  const auto& head = ends.head;
  while ((at = head.find('<', at)) != std::string::npos && at + 1 < head.size() &&
         (head[at + 1] == '?' || head[at + 1] == '!'))
    ++at;
  if (at == std::string::npos) return false;
  std::size_t end = at + 1;
  while (end < head.size() && !std::isspace(static_cast<unsigned char>(head[end])) && head[end] != '>' &&
         head[end] != '/')
    ++end;
  const std::string closing = "</" + head.substr(at + 1, end - at - 1) + ">";
  std::string_view tail = ends.tail;
  while (!tail.empty() && std::isspace(static_cast<unsigned char>(tail.back()))) tail.remove_suffix(1);
  return tail.size() >= closing.size() && tail.substr(tail.size() - closing.size()) == closing;
}

}  // namespace

std::optional<std::string> first_incomplete_xml_part(std::string_view zip) {
  const Bytes b(zip);
  // The end-of-directory record closes the archive, followed by a comment of up to 65535 bytes.
  std::size_t end = std::string_view::npos;
  for (std::size_t at = b.size() >= END_SIZE ? b.size() - END_SIZE : 0; b.has(at, END_SIZE); --at) {
    if (b.u32(at) == END_OF_DIRECTORY) {
      end = at;
      break;
    }
    if (at == 0 || b.size() - at > END_SIZE + 0xffff) break;
  }
  if (end == std::string_view::npos) return ARCHIVE;
  const std::uint32_t entries = b.u16(end + 10), directory = b.u32(end + 16);
  if (entries == 0xffff || directory == ZIP64_MARK) return std::nullopt;
  std::size_t at = directory;
  for (std::uint32_t entry = 0; entry < entries; ++entry) {
    if (!b.has(at, CENTRAL_SIZE) || b.u32(at) != CENTRAL_HEADER) return ARCHIVE;
    const std::uint32_t method = b.u16(at + 10), packed = b.u32(at + 20), size = b.u32(at + 24), local = b.u32(at + 42);
    const std::size_t name_length = b.u16(at + 28);
    if (!b.has(at + CENTRAL_SIZE, name_length)) return ARCHIVE;
    const std::string name(b.view(at + CENTRAL_SIZE, name_length));
    at += CENTRAL_SIZE + name_length + b.u16(at + 30) + b.u16(at + 32);
    const bool xml = name.ends_with(".xml") || name.ends_with(".rels");
    if (!xml || packed == ZIP64_MARK || size == ZIP64_MARK) continue;
    if (!b.has(local, LOCAL_SIZE) || b.u32(local) != LOCAL_HEADER) return name;
    const std::size_t data = local + LOCAL_SIZE + b.u16(local + 26) + b.u16(local + 28);
    if (!b.has(data, packed)) return name;
    Ends ends;
    if (method == 0) {
      ends.add(b.view(data, packed));
    } else if (method != 8 || !inflate_ends(b.view(data, packed), ends)) {
      return name;
    }
    if (ends.size != size || !closes_its_root(ends)) return name;
  }
  return std::nullopt;
}

}  // namespace fabcast::report
