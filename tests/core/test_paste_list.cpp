// Lists pasted into an invitation form: mail clients' address lists, spreadsheet rows, and
// bare emails (core/paste_list.hpp).
#include <catch2/catch.hpp>

#include "core/paste_list.hpp"

using namespace subspace;

namespace {
struct Row {
  std::string email, name;
  std::optional<Role> role;
  std::string unknown_role;
  bool operator==(const Row& o) const {
    return email == o.email && name == o.name && role == o.role && unknown_role == o.unknown_role;
  }
};
std::vector<Row> rows(std::string_view text) {
  std::vector<Row> out;
  for (auto& p : parse_pasted_people(text)) out.push_back({p.email, p.name, p.role, p.unknown_role});
  return out;
}
std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << "{" << r.email << ", " << r.name << ", " << (r.role ? std::string(role_code(*r.role)) : "-") << ", '"
            << r.unknown_role << "'}";
}
}  // namespace

TEST_CASE("bare emails, separated by commas, semicolons, spaces or new lines") {
  CHECK(rows("a@x.io, b@x.io;c@x.io d@x.io\ne@x.io\r\n\n") ==
        std::vector<Row>{{"a@x.io", ""}, {"b@x.io", ""}, {"c@x.io", ""}, {"d@x.io", ""}, {"e@x.io", ""}});
  CHECK(rows("").empty());
  CHECK(rows(" , ;\n").empty());
}

TEST_CASE("what mail clients copy: names with their addresses, a quoted name may hold a comma") {
  CHECK(rows("José Müller <jose.muller@example.com>, \"Ødegård, Søren\" <soren@example.com>; bob@x.io") ==
        std::vector<Row>{{"jose.muller@example.com", "José Müller"},
                         {"soren@example.com", "Ødegård, Søren"},
                         {"bob@x.io", ""}});
  CHECK(rows("<only@x.io>") == std::vector<Row>{{"only@x.io", ""}});
}

TEST_CASE("rows copied from a spreadsheet: tab-separated cells in any order, the header skipped") {
  std::string sheet = "Name\tEmail\tRole\nJosé Müller\tjose@example.com\tCreator\n"
                      "Ann\tLee\tann@example.com\tsuper admin\r\n\tbob@example.com\t\n";
  CHECK(rows(sheet) == std::vector<Row>{{"jose@example.com", "José Müller", Role::Creator},
                                        {"ann@example.com", "Ann Lee", Role::SuperAdmin},
                                        {"bob@example.com", ""}});
}

TEST_CASE("a sheet's header names its email column: a malformed address there still comes through") {
  CHECK(rows("First\tLast\tPrimary Email\nAnn\tLee\tann.example.com\nBo\tKay\tbo@x.io") ==
        std::vector<Row>{{"ann.example.com", "Ann Lee"}, {"bo@x.io", "Bo Kay"}});
  CHECK(rows("Name\tEmail\tRole\nBad Row\tnot-an-email\tViewer\n") == std::vector<Row>{{"not-an-email", "Bad Row", Role::Viewer}});
}

TEST_CASE("one comma-separated row with one email is one person; a word where the role goes that names none is reported") {
  CHECK(rows("Lee, Ann, ann@x.io, viewer") == std::vector<Row>{{"ann@x.io", "Lee Ann", Role::Viewer}});
  CHECK(rows("\"Lee, Ann\", ann@x.io, Boss") == std::vector<Row>{{"ann@x.io", "Lee, Ann", std::nullopt, "Boss"}});
  // Only a lone last word after the email and a name: a surname after the email is a name.
  CHECK(rows("Ann, ann@x.io, van Lee") == std::vector<Row>{{"ann@x.io", "Ann van Lee"}});
  CHECK(rows("ann@x.io, Admin") == std::vector<Row>{{"ann@x.io", "Admin"}});
  CHECK(rows("Ann Lee ann@x.io") == std::vector<Row>{{"ann@x.io", "Ann Lee"}});
  // An entry that is not an address still comes through, for the preview to refuse.
  CHECK(rows("not-an-email@, x@y.io") == std::vector<Row>{{"not-an-email@", ""}, {"x@y.io", ""}});
}

TEST_CASE("a spreadsheet row's role that names no role is reported and kept out of the name") {
  CHECK(rows("Alan Kay\talan.kay@parc.example\tAdmin") == std::vector<Row>{{"alan.kay@parc.example", "Alan Kay", std::nullopt, "Admin"}});
  // With a header, its Role column is the role, whatever the cell holds.
  CHECK(rows("Email\tName\tRole\nbo@x.io\tBo Kay\tTeam lead\ncy@x.io\tCy\tdeveloper") ==
        std::vector<Row>{{"bo@x.io", "Bo Kay", std::nullopt, "Team lead"}, {"cy@x.io", "Cy", Role::Developer}});
}
