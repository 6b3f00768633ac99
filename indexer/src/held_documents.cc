#include "held_documents.h"

#include <array>
#include <utility>

#include "newsdex/common/error.h"

namespace newsdex::indexer {

void write_held_record(std::ofstream& out, const std::string& serialised) {
  std::array<char, 8> length{};
  std::uint64_t size = serialised.size();
  for (char& byte : length) {
    byte = static_cast<char>(size & 0xff);
    size >>= 8;
  }
  out.write(length.data(), length.size());
  out.write(serialised.data(), static_cast<std::streamsize>(serialised.size()));
}

HeldDocumentReader::HeldDocumentReader(std::string path)
    : path_(std::move(path)), in_(path_, std::ios::binary) {
  if (!in_) throw IndexError(path_ + ": cannot open held documents");
}

bool HeldDocumentReader::next(std::string& serialised) {
  std::array<char, 8> length{};
  in_.read(length.data(), length.size());
  if (in_.gcount() == 0 && in_.eof()) return false;
  if (in_.gcount() != static_cast<std::streamsize>(length.size())) {
    throw IndexError(path_ + ": held document " + std::to_string(read_) + " is truncated");
  }
  std::uint64_t size = 0;
  for (std::size_t i = length.size(); i-- > 0;) {
    size = (size << 8) | static_cast<unsigned char>(length[i]);
  }
  serialised.resize(size);
  in_.read(serialised.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in_.gcount()) != size) {
    throw IndexError(path_ + ": held document " + std::to_string(read_) + " is truncated");
  }
  ++read_;
  return true;
}

}  // namespace newsdex::indexer
