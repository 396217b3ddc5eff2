// A thin RAII layer over SQLite: one connection, prepared statements, transactions.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace subspace::server {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, std::string_view v);
  Statement& bind_null(int i);
  // Steps once: true while there is a row; throws on error (callers turn it into an Error).
  bool step();
  void reset();
  std::int64_t int64(int col) const;
  std::string text(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  Database() = default;
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens (creating if needed) the file, in WAL mode with full fsync on commit: what a
  // commit returned is on disk.
  Error open(const std::string& path);
  void exec(const char* sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  void add_token_command_column();
  sqlite3* db_ = nullptr;
  std::string path_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// Thrown by Statement/Database on SQLite errors; caught at the service boundary.
struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace subspace::server
