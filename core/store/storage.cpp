#include "core/store/storage.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace subspace {
namespace fs = std::filesystem;

namespace {
bool valid_name(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}
}  // namespace

Error FolderStorage::open() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Error(Err::storage_failed, "Cannot create the folder " + dir_ + ": " + ec.message());
  return {};
}

std::vector<std::string> FolderStorage::list() {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> FolderStorage::read(const std::string& name) {
  if (!valid_name(name)) return std::nullopt;
  std::ifstream in(dir_ + "/" + name, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return data;
}

Error FolderStorage::write(const std::string& name, std::string_view data) {
  if (!valid_name(name)) return Error(Err::storage_failed, "Bad file name '" + name + "'.");
  // Write aside, then rename over: a crash leaves the old file or the new one, never half.
  std::string path = dir_ + "/" + name, tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Error(Err::storage_failed, "Writing " + name + " failed (is the disk or storage quota full?).");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Error(Err::storage_failed, "Saving " + name + " failed: " + ec.message());
  return {};
}

Error FolderStorage::remove(const std::string& name) {
  if (!valid_name(name)) return Error(Err::storage_failed, "Bad file name '" + name + "'.");
  std::error_code ec;
  fs::remove(dir_ + "/" + name, ec);
  if (ec) return Error(Err::storage_failed, "Removing " + name + " failed: " + ec.message());
  return {};
}

std::vector<std::string> MemoryStorage::list() {
  std::vector<std::string> names;
  for (const auto& [k, v] : files) names.push_back(k);
  return names;
}
std::optional<std::string> MemoryStorage::read(const std::string& name) {
  auto it = files.find(name);
  if (it == files.end()) return std::nullopt;
  return it->second;
}
Error MemoryStorage::write(const std::string& name, std::string_view data) {
  files[name] = std::string(data);
  return {};
}
Error MemoryStorage::remove(const std::string& name) {
  files.erase(name);
  return {};
}

}  // namespace subspace
