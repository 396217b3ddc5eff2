// CSV: the writer, the RFC 4180 reader, and member lists in the shapes people really have.
#include <catch2/catch.hpp>

#include "core/csv.hpp"
#include "core/demo.hpp"
#include "core/member_import.hpp"

using namespace subspace;

namespace {
std::vector<CsvRecord> parse_all(std::string_view data, char delim = ',') {
  CsvParser p(data, delim);
  std::vector<CsvRecord> out;
  while (p.step(7, out)) {  // tiny steps: records must survive step boundaries
  }
  REQUIRE(p.error().empty());
  return out;
}
}  // namespace

TEST_CASE("the writer quotes what needs quoting and defuses formulas") {
  CHECK(csv_line({"a", "b,c", "say \"hi\"", "two\nlines"}) == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  CHECK(csv_field("=SUM(A1)") == "\"'=SUM(A1)\"");
  CHECK(csv_field("-5") == "\"'-5\"");
  CHECK(csv_field("plain") == "plain");
}

TEST_CASE("RFC 4180: quotes, doubled quotes, delimiters and line breaks inside fields, CRLF and LF") {
  auto r = parse_all("name,email\r\n\"Quill, Ada\",ada@x.io\r\n\"She said \"\"hi\"\"\",b@x.io\n\"two\nlines\",c@x.io\n");
  REQUIRE(r.size() == 4);
  CHECK(r[1].fields[0] == "Quill, Ada");
  CHECK(r[2].fields[0] == "She said \"hi\"");
  CHECK(r[3].fields[0] == "two\nlines");
  CHECK(r[3].line == 4);
  // A missing final newline and blank lines.
  auto t = parse_all("a,b\n\n\nc,d");
  REQUIRE(t.size() == 2);
  CHECK(t[1].fields == std::vector<std::string>{"c", "d"});
  CHECK(t[1].line == 4);
  // Empty fields are kept.
  CHECK(parse_all(",,\n")[0].fields.size() == 3);
  CHECK(CsvParser::detect_delimiter("email;name;role\n") == ';');
  CHECK(CsvParser::detect_delimiter("\"a;b\",c\n") == ',');
  CHECK(CsvParser::detect_delimiter("Name\tEmail\tRole\nAnn, Lee\ta@x.io\tViewer\n") == '\t');
  CHECK(CsvParser::detect_delimiter("a,b\tc,d\n") == ',');
}

TEST_CASE("member lists: header names, name columns, roles, BOM, semicolons") {
  SECTION("Email Address, full name, role in any case, BOM, CRLF") {
    MemberImport m = read_members_csv("\xEF\xBB\xBF" "Full Name,Email Address,Role\r\nAda Quill,ADA@x.io,super admin\r\nBo,bo@x.io,VIEWER\r\n");
    REQUIRE(m.error.empty());
    CHECK(m.header);
    REQUIRE(m.rows.size() == 2);
    CHECK(m.rows[0].email == "ada@x.io");
    CHECK(m.rows[0].name == "Ada Quill");
    CHECK(m.rows[0].role == Role::SuperAdmin);
    CHECK(m.rows[1].role == Role::Viewer);
    CHECK(m.rows[1].line == 3);
  }
  SECTION("Primary Email with first and last names, semicolons") {
    MemberImport m = read_members_csv("First Name;Last Name;Primary Email\nGrace;Hopper;grace@x.io\n\"Jean; Jr\";Sammet;jean@x.io\n");
    REQUIRE(m.rows.size() == 2);
    CHECK(m.rows[0].name == "Grace Hopper");
    CHECK(m.rows[1].name == "Jean; Jr Sammet");
    CHECK_FALSE(m.rows[0].role);
  }
  SECTION("plain 'email' header, no name") {
    MemberImport m = read_members_csv("email\na@x.io\nb@x.io\n");
    REQUIRE(m.rows.size() == 2);
    CHECK(m.rows[1].name.empty());
  }
  SECTION("no header: the first column with an address") {
    MemberImport m = read_members_csv("ada@x.io,Ada Quill\nbo@x.io,Bo\n");
    CHECK_FALSE(m.header);
    REQUIRE(m.rows.size() == 2);
    CHECK(m.rows[0].name == "Ada Quill");
  }
  SECTION("rows that cannot be used say why") {
    MemberImport m = read_members_csv("email,role\nnot-an-email,viewer\n,creator\nok@x.io,boss\nfine@x.io,Developer\n");
    REQUIRE(m.rows.size() == 4);
    CHECK(m.rows[0].code == Err::invalid_email);
    CHECK(m.rows[1].problem == "No email on this row.");
    CHECK(m.rows[2].code == Err::invalid_role);
    CHECK(m.rows[2].problem.find("boss") != std::string::npos);
    CHECK(m.rows[3].code == Err::none);
    CHECK(m.rows[3].role == Role::Developer);
    CHECK(m.rows[2].role_text == "boss");
    CHECK(m.rows[3].role_text.empty());
  }
  SECTION("a missing closing quote that swallows the next lines is named as such") {
    MemberImport m = read_members_csv("email,name,role\n\"dave@x.io,Dave,viewer\neve@x.io,Eve\",admin\nok@x.io,Ok,viewer\n");
    REQUIRE(m.rows.size() == 2);
    CHECK(m.rows[0].code == Err::invalid_field);
    CHECK(m.rows[0].line == 2);
    CHECK(m.rows[0].problem.find("closing quote") != std::string::npos);
    CHECK(m.rows[1].code == Err::none);
    CHECK(m.rows[1].line == 4);
  }
  SECTION("a quoted name may span lines: it is read, as one line") {
    MemberImport m = read_members_csv("email,name\nann@x.io,\"Ann\nMarie Smith\"\nbo@x.io,Bo\n");
    REQUIRE(m.rows.size() == 2);
    CHECK(m.rows[0].code == Err::none);
    CHECK(m.rows[0].name == "Ann Marie Smith");
    CHECK(m.rows[1].line == 4);
  }
}

TEST_CASE("a members export opens in a spreadsheet (BOM, role names) and reads back as the same people") {
  State s = make_demo(*demo_size("small"), 7, 1'764'000'000'000).state;
  const Workspace& ws = s.parent_workspace();
  std::string csv = members_csv(s, ws, 1'764'000'000'000);
  CHECK(csv.rfind("\xEF\xBB\xBF" "email,name,role,", 0) == 0);
  CHECK(csv.find(",Super Admin,") != std::string::npos);
  MemberImport back = read_members_csv(csv);
  REQUIRE(back.error.empty());
  REQUIRE(back.rows.size() == ws.members.size());
  for (size_t i = 0; i < ws.members.size(); ++i) {
    const Membership& m = ws.members[i];
    CHECK(back.rows[i].email == s.people[m.person].email);
    CHECK(back.rows[i].name == s.people[m.person].name);
    CHECK(back.rows[i].role == m.role);
  }
}

TEST_CASE("hostile member files get a clear error and nothing else") {
  SECTION("a 5 MB single line") {
    MemberImport m = read_members_csv(std::string(5 * 1024 * 1024, 'a'));
    CHECK(m.rows.empty());
    CHECK(m.error.find("longer than") != std::string::npos);
  }
  SECTION("a 5 MB line of empty fields") {
    MemberImport m = read_members_csv(std::string(5 * 1024 * 1024, ','));
    CHECK(m.error.find("columns") != std::string::npos);
  }
  SECTION("binary junk") {
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 131 + 7) % 256);
    MemberImport m = read_members_csv(junk);
    CHECK(m.rows.empty());
    CHECK_FALSE(m.error.empty());
  }
  SECTION("not UTF-8") {
    MemberImport m = read_members_csv("email,name\nbe@x.io,B\xE9la\n");
    CHECK(m.error.find("UTF-8") != std::string::npos);
  }
  SECTION("a header and no rows") {
    MemberImport m = read_members_csv("email,name,role\n");
    CHECK(m.error.empty());
    CHECK(m.header);
    CHECK(m.rows.empty());
  }
  SECTION("no email column at all") {
    MemberImport m = read_members_csv("name,team\nAda,Core\n");
    CHECK(m.error.find("email column") != std::string::npos);
  }
  SECTION("an unterminated quote") {
    MemberImport m = read_members_csv("email\n\"ada@x.io\n");
    CHECK(m.error.find("never closed") != std::string::npos);
  }
  SECTION("empty and over-sized files") {
    CHECK(read_members_csv("").error == "The file is empty.");
    CHECK(read_members_csv(std::string(11 * 1024 * 1024, 'a')).error.find("10 MB") != std::string::npos);
  }
}

TEST_CASE("100,000 rows are read in steps with progress, and 100,001 are refused") {
  std::string data = "email,name\n";
  for (int i = 0; i < 100000; ++i) data += "person" + std::to_string(i) + "@example.com,Person " + std::to_string(i) + "\n";
  MemberCsvReader reader(data);
  double last = 0;
  int steps = 0;
  while (reader.step(256 * 1024)) {
    CHECK(reader.progress() >= last);
    last = reader.progress();
    ++steps;
  }
  CHECK(steps > 5);
  CHECK(reader.progress() == 1.0);
  REQUIRE(reader.result().error.empty());
  CHECK(reader.result().rows.size() == 100000);
  CHECK(reader.result().rows.back().email == "person99999@example.com");
  data += "one.more@example.com,x\n";
  MemberImport m = read_members_csv(data);
  CHECK(m.rows.empty());
  CHECK(m.error.find("more than 100000 rows") != std::string::npos);
}
