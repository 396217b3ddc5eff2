// People pasted as a list into an invitation form, in the shapes they come in: what mail
// clients copy ("Ann Lee <ann@x.io>, bob@x.io"), rows copied from a spreadsheet (cells
// separated by tabs, or a comma-separated row with one email: name, email and role in any
// order; a header row is skipped), or bare emails separated by commas, semicolons, spaces
// or new lines. Emails are not validated here: the invitation preview says what is wrong.
// A role cell is the header's "role" column, or else a one-word last cell after the email
// and a name; one that names no role is reported in unknown_role, not taken as a name.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

namespace subspace {

struct PastedPerson {
  std::string email;
  std::string name;          // "" when the list gives none
  std::optional<Role> role;  // a cell naming a role; none: the form's default
  // A cell that stands where a role goes but names none ("Admin"): said to the user, and
  // kept out of the name.
  std::string unknown_role;
};

std::vector<PastedPerson> parse_pasted_people(std::string_view text);

}  // namespace subspace
