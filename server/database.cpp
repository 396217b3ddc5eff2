#include "server/database.hpp"

#include <stdexcept>

namespace subspace::server {
namespace {
[[noreturn]] void fail(sqlite3* db, const char* what) {
  throw DbError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}
}  // namespace

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "prepare");
}
Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}
void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
std::string Statement::text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Database::~Database() { sqlite3_close(db_); }

Error Database::open(const std::string& path) {
  path_ = path;
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
    return Error(Err::storage_failed, "Cannot open the database " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
  try {
    sqlite3_busy_timeout(db_, 5000);  // the CLI and the server may write the same file
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    exec(R"sql(
      CREATE TABLE IF NOT EXISTS orgs(id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS events(
        org TEXT NOT NULL REFERENCES orgs(id), seq INTEGER NOT NULL, command_id INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY(org, seq));
      CREATE TABLE IF NOT EXISTS results(
        org TEXT NOT NULL REFERENCES orgs(id), command_id INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY(org, command_id));
      CREATE TABLE IF NOT EXISTS snapshots(
        org TEXT NOT NULL REFERENCES orgs(id), seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY(org, seq));
      CREATE TABLE IF NOT EXISTS tokens(
        hash TEXT PRIMARY KEY, org TEXT NOT NULL REFERENCES orgs(id), email TEXT NOT NULL, kind TEXT NOT NULL,
        workspace INTEGER, created_at INTEGER NOT NULL, expires_at INTEGER, used_at INTEGER, command_id INTEGER);
    )sql");
    add_token_command_column();
  } catch (const DbError& e) {
    return Error(Err::storage_failed, std::string("The database ") + path + " is not usable: " + e.what());
  }
  return {};
}

// An invitation link names the command that issued it (a lost answer's links are issued
// again, and the earlier ones of that command dropped); files made before gain the column.
void Database::add_token_command_column() {
  bool present;
  {
    Statement cols(db_, "SELECT 1 FROM pragma_table_info('tokens') WHERE name='command_id'");
    present = cols.step();
  }
  if (!present) exec("ALTER TABLE tokens ADD COLUMN command_id INTEGER");
}

void Database::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : "error";
    sqlite3_free(msg);
    throw DbError(m);
  }
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace subspace::server
