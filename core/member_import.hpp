// Reading member lists people really have (exports of other tools, spreadsheets) into
// invitation rows: header names such as "email", "Email Address" or "Primary Email"; a
// full-name column or first and last names; an optional role column. Read in steps so the
// UI can show progress on a large file; every row that cannot be used says why.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/csv.hpp"

namespace subspace {

struct ImportedMember {
  int line = 0;  // 1-based line in the file where the record starts
  std::string email;
  std::string name;
  std::optional<Role> role;  // empty: use the default the user picks
  std::string role_text;     // the role as the file writes it (empty: none given)
  Err code = Err::none;      // why this row cannot be used
  std::string problem;
};

struct MemberImport {
  std::vector<ImportedMember> rows;
  std::string error;  // the file as a whole cannot be read; rows is then empty
  bool header = false;
  std::vector<std::string> columns;  // the header as found
  int email_column = -1, name_column = -1, first_column = -1, last_column = -1, role_column = -1;
};

class MemberCsvReader {
 public:
  static constexpr std::size_t kMaxBytes = 10 * 1024 * 1024;
  static constexpr std::size_t kMaxRows = 100000;

  explicit MemberCsvReader(std::string data);
  MemberCsvReader(const MemberCsvReader&) = delete;  // the parser points into data_
  MemberCsvReader& operator=(const MemberCsvReader&) = delete;
  // Reads up to `budget` more bytes. Returns true while there is more to read.
  bool step(std::size_t budget);
  double progress() const;
  const MemberImport& result() const { return result_; }
  MemberImport take() { return std::move(result_); }

 private:
  void take_records();
  void fail(std::string why);

  std::string data_;
  CsvParser parser_;
  std::vector<CsvRecord> pending_;
  MemberImport result_;
  bool columns_known_ = false, done_ = false;
};

// Reads a whole file at once.
MemberImport read_members_csv(std::string data);

}  // namespace subspace
