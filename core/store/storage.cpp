#include "core/store/storage.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace subspace {

// Plain POSIX file calls (Linux and Emscripten's file systems both have them): iostreams
// and std::filesystem would add some 50 KB to the browser build for the same four calls.
namespace {
bool valid_name(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}
std::string why() { return std::strerror(errno); }
}  // namespace

Error FolderStorage::open() {
  // mkdir -p
  for (size_t i = 1; i <= dir_.size(); ++i) {
    if (i != dir_.size() && dir_[i] != '/') continue;
    std::string part = dir_.substr(0, i);
    if (::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST)
      return Error(Err::storage_failed, "Cannot create the folder " + part + ": " + why());
  }
  struct stat st {};
  if (::stat(dir_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return Error(Err::storage_failed, dir_ + " is not a folder.");
  return {};
}

std::vector<std::string> FolderStorage::list() {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir_.c_str());
  if (!d) return names;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (!valid_name(name)) continue;
    struct stat st {};
    if (::stat((dir_ + "/" + name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> FolderStorage::read(const std::string& name) {
  if (!valid_name(name)) return std::nullopt;
  FILE* f = std::fopen((dir_ + "/" + name).c_str(), "rb");
  if (!f) return std::nullopt;
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return std::nullopt;
  return data;
}

Error FolderStorage::write(const std::string& name, std::string_view data) {
  if (!valid_name(name)) return Error(Err::storage_failed, "Bad file name '" + name + "'.");
  // Write aside, then rename over: a crash leaves the old file or the new one, never half.
  std::string path = dir_ + "/" + name, tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Error(Err::storage_failed, "Writing " + name + " failed: " + why());
  bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size() && std::fflush(f) == 0;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return Error(Err::storage_failed, "Writing " + name + " failed (is the disk or storage quota full?).");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Error(Err::storage_failed, "Saving " + name + " failed: " + why());
  return {};
}

Error FolderStorage::remove(const std::string& name) {
  if (!valid_name(name)) return Error(Err::storage_failed, "Bad file name '" + name + "'.");
  if (::unlink((dir_ + "/" + name).c_str()) != 0 && errno != ENOENT)
    return Error(Err::storage_failed, "Removing " + name + " failed: " + why());
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
