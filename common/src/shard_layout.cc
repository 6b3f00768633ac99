#include "newsdex/common/shard_layout.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fnv1a.h"
#include "newsdex/common/error.h"

namespace newsdex::shards {
namespace {

namespace fs = std::filesystem;

std::string trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

std::string shard_name(unsigned k) { return "shard-" + std::to_string(k); }

unsigned shard_of(std::string_view id, unsigned count) {
  return static_cast<unsigned>(internal::fnv1a(id) % count);
}

std::string StubEntry::label() const {
  switch (kind) {
    case Kind::kRemote:
      // IPv6 addresses are written in brackets, as in the stub.
      return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
             std::to_string(port);
    case Kind::kProgram:
      return ":" + program + (args.empty() ? "" : " " + args);
    case Kind::kLocal:
      break;
  }
  return path;
}

bool is_sharded(const std::string& dir) {
  std::error_code ignored;
  return fs::is_regular_file(fs::path(dir) / kStubName, ignored);
}

Stub read_stub(const std::string& dir) {
  const fs::path file = fs::path(dir) / kStubName;
  std::ifstream in(file);
  if (!in) throw IndexError(file.string() + ": cannot read the stub of the sharded index");
  Stub stub;
  std::string raw;
  std::uint64_t number = 0;
  while (std::getline(in, raw)) {
    ++number;
    const std::string line = trimmed(raw.substr(0, raw.find('#')));
    if (line.empty()) continue;
    const auto space = line.find_first_of(" \t");
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : trimmed(line.substr(space));
    const auto bad = [&](const std::string& why) {
      return IndexError(file.string() + ":" + std::to_string(number) + ": " + why);
    };
    if (rest.empty()) throw bad("'" + type + "' needs an argument");
    StubEntry entry;
    entry.line = number;
    if (type == "auto" || type == "glass" || type == "chert" || type == "honey") {
      entry.kind = StubEntry::Kind::kLocal;
      entry.path = rest;
    } else if (type == "remote" && rest.front() == ':') {
      entry.kind = StubEntry::Kind::kProgram;
      const std::string command = rest.substr(1);
      const auto gap = command.find_first_of(" \t");
      entry.program = command.substr(0, gap);
      entry.args = gap == std::string::npos ? "" : trimmed(command.substr(gap));
      if (entry.program.empty()) throw bad("'remote :' needs a program");
    } else if (type == "remote") {
      // Split at the last colon, as Xapian does; [::1]:PORT for IPv6.
      const auto colon = rest.rfind(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) {
        throw bad("'remote' needs HOST:PORT, got '" + rest + "'");
      }
      entry.kind = StubEntry::Kind::kRemote;
      entry.host = rest.substr(0, colon);
      if (entry.host.size() > 2 && entry.host.front() == '[' && entry.host.back() == ']') {
        entry.host = entry.host.substr(1, entry.host.size() - 2);
      }
      const std::string port = rest.substr(colon + 1);
      if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
          std::stoul(port) == 0 || std::stoul(port) > 65535) {
        throw bad("not a port number: '" + port + "'");
      }
      entry.port = static_cast<unsigned>(std::stoul(port));
    } else {
      throw bad("unknown database type '" + type + "' (auto, glass, remote)");
    }
    if (stub.entries.empty() && entry.kind == StubEntry::Kind::kLocal &&
        fs::path(entry.path).lexically_normal() == fs::path(kAuxName)) {
      stub.has_aux = true;
    }
    stub.entries.push_back(std::move(entry));
  }
  if (stub.shard_count() == 0) throw IndexError(file.string() + ": lists no shard");
  return stub;
}

void write_local_stub(const std::string& dir, unsigned count) {
  const fs::path file = fs::path(dir) / kStubName;
  const fs::path temporary = fs::path(dir) / (std::string(kStubName) + ".new");
  {
    std::ofstream out(temporary);
    out << "# newsdex sharded index: the auxiliary database first, then shard 0, 1, ...\n"
        << "# A shard's line may be replaced by 'remote HOST:PORT' (docs/scaling.md).\n"
        << "auto " << kAuxName << "\n";
    for (unsigned k = 0; k < count; ++k) out << "auto " << shard_name(k) << "\n";
    out.flush();
    if (!out) throw IndexError(temporary.string() + ": cannot write the stub");
  }
  std::error_code error;
  fs::rename(temporary, file, error);
  if (error) throw IndexError(file.string() + ": cannot write the stub: " + error.message());
}

}  // namespace newsdex::shards
