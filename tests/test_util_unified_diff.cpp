#include "util/unified_diff.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using apicat::util::unified_diff;

namespace {

std::string diff(std::string_view before, std::string_view after, int context = 3)
{
    return unified_diff(before, after, "a/x", "b/x", context);
}

std::vector<std::string_view> lines_with_ends(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto size = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(0, size));
        text.remove_prefix(size);
    }
    return lines;
}

std::size_t take_number(std::string_view& text)
{
    std::size_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    REQUIRE(error == std::errc{});
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return number;
}

// "12" or "12,5" from a hunk header, as (start, count).
std::pair<std::size_t, std::size_t> parse_range(std::string_view& text)
{
    const std::size_t start = take_number(text);
    if (!text.starts_with(',')) {
        return {start, 1};
    }
    text.remove_prefix(1);
    return {start, take_number(text)};
}

// Where a range starts, 0-based: an empty range names the line before it.
std::size_t first_index(std::pair<std::size_t, std::size_t> range)
{
    return range.second == 0 ? range.first : range.first - 1;
}

struct Hunk {
    std::pair<std::size_t, std::size_t> old_range;
    std::pair<std::size_t, std::size_t> new_range;
};

Hunk parse_hunk_header(std::string_view row)
{
    REQUIRE(row.starts_with("@@ -"));
    row.remove_prefix(4);
    Hunk hunk;
    hunk.old_range = parse_range(row);
    REQUIRE(row.starts_with(" +"));
    row.remove_prefix(2);
    hunk.new_range = parse_range(row);
    REQUIRE(row == " @@\n");
    return hunk;
}

// Applies a unified diff the strict way, checking every header number, context line and
// deleted line against `before`: what a reader of the diff (or `patch`) would rebuild.
std::string apply_diff(std::string_view before, std::string_view diff_text)
{
    const auto old_lines = lines_with_ends(before);
    const auto rows = lines_with_ends(diff_text);
    REQUIRE(rows.size() >= 3);
    REQUIRE(rows[0] == "--- a/x\n");
    REQUIRE(rows[1] == "+++ b/x\n");
    std::string out;
    std::size_t old_used = 0;
    std::size_t new_made = 0;
    std::size_t r = 2;
    while (r < rows.size()) {
        const Hunk hunk = parse_hunk_header(rows[r++]);
        REQUIRE(first_index(hunk.old_range) >= old_used);
        for (; old_used < first_index(hunk.old_range); ++old_used, ++new_made) {
            out += old_lines.at(old_used);
        }
        REQUIRE(new_made == first_index(hunk.new_range));
        std::size_t old_seen = 0;
        std::size_t new_seen = 0;
        for (; r < rows.size() && !rows[r].starts_with("@@"); ++r) {
            const char mark = rows[r][0];
            std::string line(rows[r].substr(1));
            if (r + 1 < rows.size() && rows[r + 1] == "\\ No newline at end of file\n") {
                line.pop_back();
                ++r;
            }
            REQUIRE((mark == ' ' || mark == '-' || mark == '+'));
            if (mark != '+') {
                REQUIRE(old_lines.at(old_used) == line);
                ++old_used;
                ++old_seen;
            }
            if (mark != '-') {
                out += line;
                ++new_made;
                ++new_seen;
            }
        }
        REQUIRE(old_seen == hunk.old_range.second);
        REQUIRE(new_seen == hunk.new_range.second);
    }
    for (; old_used < old_lines.size(); ++old_used) {
        out += old_lines[old_used];
    }
    return out;
}

std::size_t count_rows(std::string_view diff_text, char mark)
{
    std::size_t count = 0;
    const auto rows = lines_with_ends(diff_text);
    for (std::size_t r = 2; r < rows.size(); ++r) {
        count += rows[r][0] == mark ? 1 : 0;
    }
    return count;
}

std::size_t count_hunks(std::string_view diff_text)
{
    std::size_t count = 0;
    for (const auto row : lines_with_ends(diff_text)) {
        count += row.starts_with("@@ ") ? 1 : 0;
    }
    return count;
}

// Lines deleted plus inserted by the shortest edit script, by dynamic programming.
std::size_t shortest_edit_length(std::string_view before, std::string_view after)
{
    const auto a = lines_with_ends(before);
    const auto b = lines_with_ends(after);
    std::vector<std::vector<std::size_t>> common(a.size() + 1,
                                                 std::vector<std::size_t>(b.size() + 1, 0));
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            common[i][j] = a[i - 1] == b[j - 1] ? common[i - 1][j - 1] + 1
                                                : std::max(common[i - 1][j], common[i][j - 1]);
        }
    }
    return a.size() + b.size() - 2 * common[a.size()][b.size()];
}

std::string numbered_lines(int first, int last)
{
    std::string text;
    for (int i = first; i <= last; ++i) {
        text += std::to_string(i) + "\n";
    }
    return text;
}

} // namespace

TEST_CASE("equal texts have an empty diff")
{
    CHECK(diff("", "") == "");
    CHECK(diff("a\nb\n", "a\nb\n") == "");
    CHECK(diff("no newline", "no newline") == "");
}

TEST_CASE("the header lines use the labels exactly as given")
{
    const auto text = unified_diff("a\n", "b\n", "old/spec.yaml", "new/spec.yaml (formatted)");
    CHECK(text == "--- old/spec.yaml\n+++ new/spec.yaml (formatted)\n@@ -1 +1 @@\n-a\n+b\n");
}

TEST_CASE("a changed line in the middle shows with three lines of context")
{
    const auto after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
    CHECK(diff(numbered_lines(1, 10), after) == "--- a/x\n+++ b/x\n"
                                                "@@ -2,7 +2,7 @@\n"
                                                " 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("an insertion at the start numbers the hunk from line 1")
{
    CHECK(diff(numbered_lines(1, 5), numbered_lines(0, 5)) ==
          "--- a/x\n+++ b/x\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n");
}

TEST_CASE("an insertion at the end keeps the context before it")
{
    CHECK(diff(numbered_lines(1, 5), numbered_lines(1, 6)) ==
          "--- a/x\n+++ b/x\n@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+6\n");
}

TEST_CASE("a deletion in the middle shrinks the new range")
{
    CHECK(diff(numbered_lines(1, 7), "1\n2\n3\n5\n6\n7\n") ==
          "--- a/x\n+++ b/x\n@@ -1,7 +1,6 @@\n 1\n 2\n 3\n-4\n 5\n 6\n 7\n");
}

TEST_CASE("an empty file against a non-empty one uses the 0,0 range")
{
    CHECK(diff("", "a\nb\nc\n") == "--- a/x\n+++ b/x\n@@ -0,0 +1,3 @@\n+a\n+b\n+c\n");
    CHECK(diff("a\nb\nc\n", "") == "--- a/x\n+++ b/x\n@@ -1,3 +0,0 @@\n-a\n-b\n-c\n");
    CHECK(diff("", "a\n") == "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n");
}

TEST_CASE("changes six equal lines apart share one hunk")
{
    const auto after = "1\nx\n3\n4\n5\n6\n7\n8\ny\n10\n11\n12\n";
    CHECK(diff(numbered_lines(1, 12), after) ==
          "--- a/x\n+++ b/x\n@@ -1,12 +1,12 @@\n"
          " 1\n-2\n+x\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+y\n 10\n 11\n 12\n");
}

TEST_CASE("changes seven equal lines apart get hunks of their own")
{
    const auto after = "1\nx\n3\n4\n5\n6\n7\n8\n9\ny\n11\n12\n";
    CHECK(diff(numbered_lines(1, 12), after) == "--- a/x\n+++ b/x\n"
                                                "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
                                                "@@ -7,6 +7,6 @@\n 7\n 8\n 9\n-10\n+y\n 11\n 12\n");
}

TEST_CASE("the context size is a parameter")
{
    const auto after = "1\n2\n3\n4\nX\n6\n7\nY\n9\n10\n";
    CHECK(diff(numbered_lines(1, 10), after, 0) ==
          "--- a/x\n+++ b/x\n@@ -5 +5 @@\n-5\n+X\n@@ -8 +8 @@\n-8\n+Y\n");
    CHECK(diff(numbered_lines(1, 10), after, 1) ==
          "--- a/x\n+++ b/x\n@@ -4,6 +4,6 @@\n 4\n-5\n+X\n 6\n 7\n-8\n+Y\n 9\n");
    CHECK(diff(numbered_lines(1, 10), after, -1) == diff(numbered_lines(1, 10), after, 0));
}

TEST_CASE("a pure insertion without context names the line it follows")
{
    CHECK(diff("a\nb\n", "a\nnew\nb\n", 0) == "--- a/x\n+++ b/x\n@@ -1,0 +2 @@\n+new\n");
    CHECK(diff("a\nb\n", "new\na\nb\n", 0) == "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+new\n");
}

TEST_CASE("a last line without newline is marked on both sides")
{
    CHECK(diff("a\nb\nc", "a\nb\nd") == "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n b\n"
                                        "-c\n\\ No newline at end of file\n"
                                        "+d\n\\ No newline at end of file\n");
}

TEST_CASE("adding or removing the final newline changes the last line")
{
    CHECK(diff("a\nb\nc", "a\nb\nc\n") ==
          "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n b\n-c\n\\ No newline at end of file\n+c\n");
    CHECK(diff("a\nb\nc\n", "a\nb\nc") ==
          "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n b\n-c\n+c\n\\ No newline at end of file\n");
}

TEST_CASE("a context line without newline is marked once")
{
    CHECK(diff("a\nb\nc", "x\nb\nc") ==
          "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n-a\n+x\n b\n c\n\\ No newline at end of file\n");
}

TEST_CASE("a carriage return stays part of the line")
{
    CHECK(diff("a\r\nb\r\nc\r\n", "a\r\nB\nc\r\n") ==
          "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\n c\r\n");
    CHECK(diff("a\r\n", "a\n") == "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\r\n+a\n");
}

TEST_CASE("a line removed from a run of equal lines is the last of the run")
{
    CHECK(diff("a\n\n\nb\n", "a\n\nb\n") == "--- a/x\n+++ b/x\n@@ -1,4 +1,3 @@\n a\n \n-\n b\n");
    CHECK(diff("x\nh\nh\nh\ny\n", "x\nh\nh\ny\n") ==
          "--- a/x\n+++ b/x\n@@ -1,5 +1,4 @@\n x\n h\n h\n-h\n y\n");
}

TEST_CASE("lines sharing a start or an end with their replacement are shown whole")
{
    CHECK(diff("key: old value\n", "key: value\n") ==
          "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-key: old value\n+key: value\n");
    CHECK(diff("a\nsame start, old\nz\n", "a\nsame start, new\nz\n") ==
          "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-same start, old\n+same start, new\n z\n");
    CHECK(diff("x\nold end\n", "x\nnew end\n") ==
          "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n x\n-old end\n+new end\n");
}

TEST_CASE("a replacement lists its deletions before its insertions")
{
    CHECK(diff("a\nb\nc\nd\n", "a\nx\ny\nd\n") ==
          "--- a/x\n+++ b/x\n@@ -1,4 +1,4 @@\n a\n-b\n-c\n+x\n+y\n d\n");
}

TEST_CASE("random edits produce shortest diffs that rebuild the new text")
{
    std::mt19937 random(20240611);
    const auto pick = [&random](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };
    for (int round = 0; round < 1500; ++round) {
        const int alphabet = pick(2, 8);
        std::vector<std::string> a;
        for (int i = pick(0, 25); i > 0; --i) {
            a.push_back(std::string(1, static_cast<char>('a' + pick(0, alphabet - 1))));
        }
        auto b = a;
        for (int edit = pick(0, 6); edit > 0; --edit) {
            const auto line = std::string(1, static_cast<char>('a' + pick(0, alphabet - 1)));
            const int at = pick(0, static_cast<int>(b.size()));
            if (pick(0, 1) == 0 || b.empty()) {
                b.insert(b.begin() + at, line);
            } else {
                b.erase(b.begin() + std::min(at, static_cast<int>(b.size()) - 1));
            }
        }
        const auto join = [&pick](const std::vector<std::string>& lines) {
            std::string text;
            for (const auto& line : lines) {
                text += line + "\n";
            }
            if (!text.empty() && pick(0, 4) == 0) {
                text.pop_back();
            }
            return text;
        };
        const auto before = join(a);
        const auto after = join(b);
        const int context = pick(0, 3);
        const auto text = diff(before, after, context);
        CAPTURE(before);
        CAPTURE(after);
        CAPTURE(context);
        if (before == after) {
            CHECK(text.empty());
            continue;
        }
        CHECK(apply_diff(before, text) == after);
        CHECK(count_rows(text, '-') + count_rows(text, '+') == shortest_edit_length(before, after));
    }
}

namespace {

// About 15 MB of distinct lines, numbered so line n reads "n ...".
std::vector<std::string> big_file_lines()
{
    std::vector<std::string> lines;
    for (int i = 1; i <= 300'000; ++i) {
        lines.push_back(std::to_string(i) + " \"operationId\": \"operation" + std::to_string(i) +
                        "\", \"summary\": \"a line\"\n");
    }
    return lines;
}

std::string concatenated(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& line : lines) {
        text += line;
    }
    return text;
}

} // namespace

TEST_CASE("a small change in a 15 MB text shows with the right line numbers")
{
    auto lines = big_file_lines();
    const auto before = concatenated(lines);
    REQUIRE(before.size() > 15'000'000);
    lines[199'999] = "changed\n";
    const auto after = concatenated(lines);
    const auto expected = "--- a/x\n+++ b/x\n@@ -199997,7 +199997,7 @@\n " + lines[199'996] + " " +
                          lines[199'997] + " " + lines[199'998] + "-200000" +
                          big_file_lines()[199'999].substr(6) + "+changed\n " + lines[200'000] +
                          " " + lines[200'001] + " " + lines[200'002];
    CHECK(diff(before, after) == expected);
}

TEST_CASE("thousands of scattered changes in a large text still give a compact diff")
{
    auto lines = big_file_lines();
    lines.resize(60'000);
    const auto before = concatenated(lines);
    for (std::size_t i = 0; i < lines.size(); i += 7) {
        lines[i] = "edited " + lines[i];
    }
    lines.insert(lines.begin() + 30'000, "inserted\n");
    const auto after = concatenated(lines);
    const auto text = diff(before, after);
    CHECK(apply_diff(before, text) == after);
    CHECK(count_rows(text, '-') == 8572);
    CHECK(count_rows(text, '+') == 8573);
}

TEST_CASE("a huge middle with nothing in common becomes one replacing hunk")
{
    std::string before = "head 1\nhead 2\nhead 3\nhead 4\n";
    std::string after = before;
    for (int i = 0; i < 100'000; ++i) {
        before += "old " + std::to_string(i) + "\n";
        after += "new " + std::to_string(i) + "\n";
    }
    before += "tail\n";
    after += "tail\n";
    const auto text = diff(before, after);
    CHECK(text.starts_with("--- a/x\n+++ b/x\n@@ -2,100004 +2,100004 @@\n head 2\n"));
    CHECK(count_hunks(text) == 1);
    CHECK(count_rows(text, '-') == 100'000);
    CHECK(apply_diff(before, text) == after);
}

TEST_CASE("a huge middle with a few lines in common is still a correct diff")
{
    std::string before;
    std::string after;
    for (int i = 0; i < 100'000; ++i) {
        before += (i % 997 == 0 ? "same " : "old ") + std::to_string(i) + "\n";
        after += (i % 997 == 0 ? "same " : "new ") + std::to_string(i) + "\n";
    }
    CHECK(apply_diff(before, diff(before, after)) == after);
}
