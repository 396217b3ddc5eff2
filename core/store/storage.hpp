// Where a store keeps its files. The browser mounts IndexedDB (IDBFS) as a folder, so one
// folder implementation serves the browser, the CLI and the server; tests use memory.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"

namespace subspace {

struct Storage {
  virtual ~Storage() = default;
  virtual std::vector<std::string> list() = 0;  // file names, sorted
  virtual std::optional<std::string> read(const std::string& name) = 0;
  // Replaces the whole file; a failure leaves the old content in place.
  virtual Error write(const std::string& name, std::string_view data) = 0;
  virtual Error remove(const std::string& name) = 0;
};

class FolderStorage final : public Storage {
 public:
  explicit FolderStorage(std::string dir) : dir_(std::move(dir)) {}
  Error open();  // creates the folder if needed
  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  Error write(const std::string& name, std::string_view data) override;
  Error remove(const std::string& name) override;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

class MemoryStorage final : public Storage {
 public:
  std::map<std::string, std::string> files;
  std::vector<std::string> list() override;
  std::optional<std::string> read(const std::string& name) override;
  Error write(const std::string& name, std::string_view data) override;
  Error remove(const std::string& name) override;
};

// Counts what goes through to another storage (for benchmarks and write-size tests).
class CountingStorage final : public Storage {
 public:
  explicit CountingStorage(Storage& inner) : inner_(inner) {}
  std::uint64_t bytes_written = 0, writes = 0;
  std::vector<std::string> list() override { return inner_.list(); }
  std::optional<std::string> read(const std::string& name) override { return inner_.read(name); }
  Error write(const std::string& name, std::string_view data) override {
    bytes_written += data.size();
    ++writes;
    return inner_.write(name, data);
  }
  Error remove(const std::string& name) override { return inner_.remove(name); }

 private:
  Storage& inner_;
};

}  // namespace subspace
