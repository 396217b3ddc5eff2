// CSV (RFC 4180): writing exports, and reading the member lists people really have.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace subspace {

// Quotes a field when it holds a comma, a quote or a line break; also defuses cells that a
// spreadsheet would run as a formula (=, +, -, @ at the start).
std::string csv_field(std::string_view s);
std::string csv_line(const std::vector<std::string>& fields);
// Starts every file we export: without it Excel reads UTF-8 as the system's code page
// (José -> JosÃ©). The member import skips it.
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Members of a workspace: email, name, role ("Super Admin", as people write it and the
// import reads it), status, since, expires (UTC); UTF-8 with a BOM, for spreadsheets.
std::string members_csv(const State& s, const Workspace& ws, TimeMs now);

struct CsvRecord {
  int line = 0;  // where the record starts (1-based)
  std::vector<std::string> fields;
};

// An incremental RFC 4180 reader: quoted fields may hold delimiters, doubled quotes and line
// breaks; CRLF or LF; an optional UTF-8 byte order mark. It reads a bounded number of bytes
// per step so a large file can be read across frames with a progress bar.
class CsvParser {
 public:
  static constexpr std::size_t kMaxField = 4096;
  static constexpr std::size_t kMaxFields = 256;

  CsvParser(std::string_view data, char delimiter) : data_(data), delim_(delimiter) { skip_bom(); }
  // Reads up to `max_bytes` more input; appends complete records to `out`.
  // Returns false once the input is exhausted (or a fatal error was found).
  bool step(std::size_t max_bytes, std::vector<CsvRecord>& out);
  std::size_t position() const { return pos_; }
  const std::string& error() const { return error_; }  // fatal: not text, a field too long...
  int line() const { return line_; }

  // Guesses ',' or ';' from the first line (outside quotes).
  static char detect_delimiter(std::string_view data);

 private:
  void skip_bom();
  void end_field();
  void end_record(std::vector<CsvRecord>& out);

  std::string_view data_;
  char delim_;
  std::size_t pos_ = 0;
  bool quoted_ = false, field_started_ = false;
  std::string field_;
  std::vector<std::string> record_;
  std::string error_;
  int line_ = 1, record_line_ = 1;
};

}  // namespace subspace
