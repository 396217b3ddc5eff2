// Text rules: UTF-8, trimming, emails, names, credits, dates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "core/types.hpp"

using namespace subspace;

TEST_CASE("utf8_length counts code points and rejects malformed UTF-8") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("abc") == 3);
  CHECK(utf8_length("\xC3\xA9t\xC3\xA9") == 3);       // été
  CHECK(utf8_length("\xF0\x9F\x98\x80") == 1);        // an emoji
  CHECK(utf8_length("\xC3") == -1);                   // cut short
  CHECK(utf8_length("\xC0\xAF") == -1);               // overlong
  CHECK(utf8_length("\xED\xA0\x80") == -1);           // surrogate
  CHECK(utf8_length("\xFF") == -1);
}

TEST_CASE("trim removes ASCII and Unicode white space only at the ends") {
  CHECK(trim("  a b  ") == "a b");
  CHECK(trim("\xC2\xA0x\xE3\x80\x80") == "x");  // NBSP and ideographic space
  CHECK(trim("\xEF\xBB\xBFname") == "name");    // a BOM
  CHECK(trim("   ") == "");
  CHECK(trim("\xC3\xA9") == "\xC3\xA9");
}

TEST_CASE("emails are trimmed, lower-cased and validated") {
  CHECK(normalize_email(" Ada.Quill@Lumen.Example ") == "ada.quill@lumen.example");
  CHECK(normalize_email("a+tag@sub.domain.co.uk") == "a+tag@sub.domain.co.uk");
  CHECK(normalize_email("o'brien@x.ie") == "o'brien@x.ie");
  for (const char* bad : {"", "plain", "@x.io", "a@", "a@b", "a@@b.io", "a b@c.io", "a@b..io", ".a@b.io", "a.@b.io",
                          "a..b@c.io", "a@-b.io", "a@b-.io", "a@b.1", "a@b.c", "\"q\"@b.io", "a@b_c.io"})
    CHECK_FALSE(normalize_email(bad));
  CHECK_FALSE(normalize_email(std::string(65, 'a') + "@x.io"));
  CHECK(normalize_email(std::string(64, 'a') + "@x.io"));
}

TEST_CASE("lists sort numbers by value and ignore case") {
  std::vector<std::string> got = {"temp10@x.io", "Temp2@x.io", "temp1@x.io", "temp01@x.io", "team", "Team 10", "team 9", "a", ""};
  std::sort(got.begin(), got.end(), natural_less);
  std::vector<std::string> want = {"", "a", "team", "team 9", "Team 10", "temp01@x.io", "temp1@x.io", "Temp2@x.io", "temp10@x.io"};
  CHECK(got == want);
  CHECK(natural_compare("x2", "x10") < 0);
  CHECK(natural_compare("x10", "x2") > 0);
  CHECK(natural_compare("x007", "x7") != 0);  // equal in value, still ordered: the order is total
  CHECK(natural_compare("A", "a") != 0);
  CHECK(natural_compare("same", "same") == 0);
  CHECK(natural_compare("99999999999999999999999", "100000000000000000000000") < 0);  // no overflow
}

TEST_CASE("lists sort accented Latin letters with their base letter") {
  std::vector<std::string> got = {"Zora", "Zo\xC3\xAB", "\xC3\x89quipe Z\xC3\xBCrich", "Training APAC", "Elodie", "\xC3\x89lodie",
                                  "\xC5\x81\xC3\xB3" "d\xC5\xBA", "Lodz", "Zoe"};
  std::sort(got.begin(), got.end(), natural_less);
  std::vector<std::string> want = {"Elodie", "\xC3\x89lodie", "\xC3\x89quipe Z\xC3\xBCrich", "Lodz", "\xC5\x81\xC3\xB3" "d\xC5\xBA",
                                   "Training APAC", "Zoe", "Zo\xC3\xAB", "Zora"};
  CHECK(got == want);
  CHECK(natural_compare("\xC3\x9F", "s") > 0);   // ß sorts with s, after it (byte order breaks the tie)
  CHECK(natural_compare("\xC3\x97", "x") > 0);   // × is not a letter: itself
  CHECK(natural_compare("a\xFF", "a\xFE") > 0);  // bytes that are not UTF-8 compare as themselves
}

TEST_CASE("searching folds case and Latin accents, and keeps every other character") {
  CHECK(search_fold("\xC3\x89lodie Z\xC3\xBCrich") == "elodie zurich");
  CHECK(search_fold("\xC5\x81\xC3\xB3" "d\xC5\xBA") == "lodz");
  CHECK(search_fold("\xE6\x9D\xB1\xE4\xBA\xAC Office") == "\xE6\x9D\xB1\xE4\xBA\xAC office");  // 東京 as it is
  CHECK(search_fold("a\xFF") == "a\xFF");
}

TEST_CASE("the list order is a strict weak order on random texts") {
  // std::sort needs it: irreflexive, antisymmetric, transitive; checked on many triples.
  std::mt19937 rng(7);
  const std::vector<std::string> alphabet = {"a", "A", "b", "0", "0", "1", "9", " ", ".", "\xC3\xA1", "\xC3\x81", "\xC3\x9F", "s", "\xFF"};
  auto text = [&] {
    std::string t;
    for (size_t n = rng() % 6; n > 0; --n) t += alphabet[rng() % alphabet.size()];
    return t;
  };
  auto sign = [](int v) { return (v > 0) - (v < 0); };
  for (int n = 0; n < 20000; ++n) {
    std::string a = text(), b = text(), c = text();
    REQUIRE(natural_compare(a, a) == 0);
    REQUIRE(sign(natural_compare(a, b)) == -sign(natural_compare(b, a)));
    if (natural_compare(a, b) == 0) REQUIRE(a == b);
    if (natural_less(a, b) && natural_less(b, c)) REQUIRE(natural_less(a, c));
  }
}

TEST_CASE("counts are grouped in thousands as credits are") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(120005) == "120,005");
  CHECK(format_count(-1234567) == "-1,234,567");
  CHECK(format_count(std::numeric_limits<long long>::min()) == "-9,223,372,036,854,775,808");
}

TEST_CASE("credits are shown and read in hundredths, never floating point") {
  CHECK(format_credits(0) == "0.00");
  CHECK(format_credits(5) == "0.05");
  CHECK(format_credits(123456789) == "1,234,567.89");
  CHECK(format_credits(-150) == "-1.50");
  CHECK(parse_credits("12") == 1200);
  CHECK(parse_credits("12.5") == 1250);
  CHECK(parse_credits(" 1,234.05 ") == 123405);
  // Up to the most any command takes, no more.
  CHECK(parse_credits("10,000,000,000") == kMaxAmount);
  CHECK_FALSE(parse_credits("10,000,000,000.01"));
  CHECK_FALSE(parse_credits("99999999999"));
  CHECK(parse_credits("1,234,567") == 123456700);
  // A comma groups thousands only: a decimal comma is refused, not read as a larger amount.
  for (const char* bad : {"12,5", "12,50", "1,2345", "1234,567", ",5", "1,,234", "1,234,5", "1,23.5", "12,"})
    CHECK_FALSE(parse_credits(bad));
  CHECK(parse_credits(".5") == 50);
  CHECK(parse_credits("0.1") == 10);
  for (const char* bad : {"", "1.234", "abc", "1.2.3", "-5", "1e5", ",5", ".", "9999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_credits(bad).has_value());
  }
  CHECK(parse_credits("12.") == 1200);
}

TEST_CASE("dates are UTC days") {
  CHECK(format_day(0) == "1970-01-01");
  CHECK(format_date(1'764'115'199'000) == "2025-11-25");
  CHECK(format_datetime(1'764'115'199'000) == "2025-11-25 23:59");
  CHECK(utc_day(-1) == -1);
  CHECK(format_day(-1) == "1969-12-31");
  CHECK(format_day(19782) == "2024-02-29");
}

TEST_CASE("whole numbers typed by a user are read exactly or not at all") {
  CHECK(parse_whole("12") == 12);
  CHECK(parse_whole("  7 ") == 7);
  CHECK(parse_whole("-3") == -3);
  CHECK(parse_whole("2147483647") == 2147483647);
  CHECK_FALSE(parse_whole(""));
  CHECK_FALSE(parse_whole("   "));
  CHECK_FALSE(parse_whole("12a"));
  CHECK_FALSE(parse_whole("1.5"));
  CHECK_FALSE(parse_whole("2147483648"));
}
