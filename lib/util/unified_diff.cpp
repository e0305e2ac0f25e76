#include "util/unified_diff.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace apicat::util {

namespace {

// Signed, because Myers' diagonals run negative.
using Index = std::ptrdiff_t;

// Steps of Myers' search, over a whole diff, after which the lines not compared yet are shown
// as replaced: the bound on the time a huge, thoroughly different middle can take.
constexpr Index work_limit = 50'000'000;

// ---- The shared head and tail, found on bytes so megabytes of equal lines cost no split. ----

std::size_t common_prefix(std::string_view a, std::string_view b)
{
    const std::size_t size = std::min(a.size(), b.size());
    constexpr std::size_t block = 4096;
    std::size_t same = 0;
    while (same + block <= size && std::memcmp(a.data() + same, b.data() + same, block) == 0) {
        same += block;
    }
    while (same < size && a[same] == b[same]) {
        ++same;
    }
    return same;
}

std::size_t common_suffix(std::string_view a, std::string_view b)
{
    const std::size_t size = std::min(a.size(), b.size());
    constexpr std::size_t block = 4096;
    std::size_t same = 0;
    while (same + block <= size && std::memcmp(a.data() + a.size() - same - block,
                                               b.data() + b.size() - same - block, block) == 0) {
        same += block;
    }
    while (same < size && a[a.size() - same - 1] == b[b.size() - same - 1]) {
        ++same;
    }
    return same;
}

// Bytes of the whole lines (each ending in "\n") that both texts start with.
std::size_t shared_head(std::string_view a, std::string_view b)
{
    const std::size_t last_newline = a.substr(0, common_prefix(a, b)).rfind('\n');
    return last_newline == std::string_view::npos ? 0 : last_newline + 1;
}

bool starts_line(std::string_view text, std::size_t position)
{
    return position == 0 || text[position - 1] == '\n';
}

// Bytes of the whole lines that both texts end with.
std::size_t shared_tail(std::string_view a, std::string_view b)
{
    std::size_t same = common_suffix(a, b);
    while (same > 0 && !(starts_line(a, a.size() - same) && starts_line(b, b.size() - same))) {
        --same;
    }
    return same;
}

// ---- Lines ----

// Each line keeps its "\n", so a last line without one differs from the same text with one.
void append_lines(std::string_view text, std::vector<std::string_view>& lines)
{
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::size_t size = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(0, size));
        text.remove_prefix(size);
    }
}

std::vector<std::string_view> first_lines(std::string_view text, Index count)
{
    std::vector<std::string_view> lines;
    while (!text.empty() && static_cast<Index>(lines.size()) < count) {
        const std::size_t end = text.find('\n');
        const std::size_t size = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(0, size));
        text.remove_prefix(size);
    }
    return lines;
}

// The last `count` lines of `text`, which ends in "\n" unless empty.
std::vector<std::string_view> last_lines(std::string_view text, Index count)
{
    std::vector<std::string_view> lines;
    while (!text.empty() && static_cast<Index>(lines.size()) < count) {
        const std::size_t newline =
            text.size() >= 2 ? text.rfind('\n', text.size() - 2) : std::string_view::npos;
        const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
        lines.push_back(text.substr(start));
        text = text.substr(0, start);
    }
    std::reverse(lines.begin(), lines.end());
    return lines;
}

// The lines a diff needs: the differing middle of both texts, with up to `context` shared
// lines on either side of it.
struct Window {
    std::vector<std::string_view> a;
    std::vector<std::string_view> b;
    Index shared_before = 0; // lines before the middle, the same in a and b
    Index shared_after = 0;
    Index first_line = 0; // 0-based line number of a[0] in `before`, and of b[0] in `after`
};

Window make_window(std::string_view before, std::string_view after, Index context)
{
    const std::size_t head = shared_head(before, after);
    const std::size_t tail = shared_tail(before.substr(head), after.substr(head));
    const std::string_view head_text = before.substr(0, head);
    const auto lead = last_lines(head_text, context);
    const auto trail = first_lines(before.substr(before.size() - tail), context);

    Window window;
    window.shared_before = static_cast<Index>(lead.size());
    window.shared_after = static_cast<Index>(trail.size());
    window.first_line = std::count(head_text.begin(), head_text.end(), '\n') - window.shared_before;
    window.a = lead;
    append_lines(before.substr(head, before.size() - head - tail), window.a);
    window.a.insert(window.a.end(), trail.begin(), trail.end());
    window.b = lead;
    append_lines(after.substr(head, after.size() - head - tail), window.b);
    window.b.insert(window.b.end(), trail.begin(), trail.end());
    return window;
}

// ---- Myers' O(ND) difference algorithm ----

// Which lines of a file a diff deletes (or inserts), with an unchanged line before the first
// and after the last so scans need no bounds checks. Index it from -1 to size().
class ChangedLines {
public:
    explicit ChangedLines(std::size_t lines)
        : flags_(lines + 2, 0)
    {
    }

    char& operator[](Index line) { return flags_[static_cast<std::size_t>(line + 1)]; }
    char operator[](Index line) const { return flags_[static_cast<std::size_t>(line + 1)]; }
    Index size() const { return static_cast<Index>(flags_.size()) - 2; }

private:
    std::vector<char> flags_;
};

// A place in the edit graph of two ranges: x lines of the first and y of the second done.
struct Point {
    Index x = 0;
    Index y = 0;
};

// The linear-space variant (Myers 1986, section 4b): search from both ends until the paths
// meet, split there, recurse on both halves. Lines are compared as numbers.
class Myers {
public:
    Myers(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b,
          ChangedLines& a_changed, ChangedLines& b_changed)
        : a_(a)
        , b_(b)
        , a_changed_(a_changed)
        , b_changed_(b_changed)
    {
    }

    // Marks the lines that an edit script from a[a_begin, a_end) to b[b_begin, b_end) deletes
    // and inserts: the shortest script unless that is too costly to find.
    void compare(Index a_begin, Index a_end, Index b_begin, Index b_end);

private:
    // One search for a split point between a[a_begin, +n) and b[b_begin, +m).
    struct Search {
        Index a_begin = 0;
        Index n = 0;
        Index b_begin = 0;
        Index m = 0;
        Index offset = 0; // of diagonal 0 in forward_ and backward_
        // Diagonals dropped at the low and high end after running off the edit graph.
        Index forward_low = 0;
        Index forward_high = 0;
        Index backward_low = 0;
        Index backward_high = 0;

        Index delta() const { return n - m; }
    };

    std::optional<Point> split_point(Index a_begin, Index n, Index b_begin, Index m);
    std::optional<Point> step_forward(Search& search, Index d);
    std::optional<Point> step_backward(Search& search, Index d);
    std::optional<Point> furthest_point(const Search& search, Index d) const;
    void mark(Index a_begin, Index a_end, Index b_begin, Index b_end);

    const std::vector<std::uint32_t>& a_;
    const std::vector<std::uint32_t>& b_;
    ChangedLines& a_changed_;
    ChangedLines& b_changed_;
    // The furthest x reached on each diagonal, from the start and (in reverse) from the end.
    std::vector<Index> forward_;
    std::vector<Index> backward_;
    Index work_ = 0;
};

void Myers::compare(Index a_begin, Index a_end, Index b_begin, Index b_end)
{
    while (a_begin < a_end && b_begin < b_end && a_[a_begin] == b_[b_begin]) {
        ++a_begin;
        ++b_begin;
    }
    while (a_begin < a_end && b_begin < b_end && a_[a_end - 1] == b_[b_end - 1]) {
        --a_end;
        --b_end;
    }
    if (a_begin == a_end || b_begin == b_end) {
        mark(a_begin, a_end, b_begin, b_end);
        return;
    }
    const auto split = split_point(a_begin, a_end - a_begin, b_begin, b_end - b_begin);
    if (!split) {
        mark(a_begin, a_end, b_begin, b_end);
        return;
    }
    compare(a_begin, a_begin + split->x, b_begin, b_begin + split->y);
    compare(a_begin + split->x, a_end, b_begin + split->y, b_end);
}

// A point on a shortest edit path, where the forward and the backward search overlap. Past
// `cost_limit` edits from each end it settles for the furthest point either search reached,
// as xdiff does: the script may come out longer, but the time stays near O((N+M)^1.5). None
// when the ranges share no line, or the work limit is used up.
std::optional<Point> Myers::split_point(Index a_begin, Index n, Index b_begin, Index m)
{
    const Index max_d = (n + m + 1) / 2;
    const auto size = static_cast<std::size_t>(2 * max_d + 2);
    forward_.assign(size, -1);
    backward_.assign(size, -1);
    forward_[static_cast<std::size_t>(max_d + 1)] = 0;
    backward_[static_cast<std::size_t>(max_d + 1)] = 0;
    Search search{a_begin, n, b_begin, m, max_d};
    const auto cost_limit =
        std::max(Index{256}, static_cast<Index>(std::sqrt(static_cast<double>(n + m))));
    for (Index d = 0; d < max_d && work_ < work_limit; ++d) {
        if (auto point = step_forward(search, d)) {
            return point;
        }
        if (auto point = step_backward(search, d)) {
            return point;
        }
        if (d + 1 >= cost_limit) {
            return furthest_point(search, d);
        }
    }
    return std::nullopt;
}

// Extends the forward search to `d` edits; the point where it passes the backward search.
std::optional<Point> Myers::step_forward(Search& search, Index d)
{
    const auto size = static_cast<Index>(forward_.size());
    for (Index k = -d + search.forward_low; k <= d - search.forward_high; k += 2) {
        const Index i = search.offset + k;
        Index x = (k == -d || (k != d && forward_[i - 1] < forward_[i + 1])) ? forward_[i + 1]
                                                                             : forward_[i - 1] + 1;
        Index y = x - k;
        const Index x_start = x;
        while (x < search.n && y < search.m && a_[search.a_begin + x] == b_[search.b_begin + y]) {
            ++x;
            ++y;
        }
        work_ += 1 + x - x_start;
        forward_[i] = x;
        if (x > search.n) {
            search.forward_high += 2;
        } else if (y > search.m) {
            search.forward_low += 2;
        } else if (search.delta() % 2 != 0) {
            const Index j = search.offset + search.delta() - k;
            if (j >= 0 && j < size && backward_[j] != -1 && x >= search.n - backward_[j]) {
                return Point{x, y};
            }
        }
    }
    return std::nullopt;
}

// Extends the backward search to `d` edits; the point where it passes the forward search.
std::optional<Point> Myers::step_backward(Search& search, Index d)
{
    const auto size = static_cast<Index>(backward_.size());
    const Index a_last = search.a_begin + search.n - 1;
    const Index b_last = search.b_begin + search.m - 1;
    for (Index k = -d + search.backward_low; k <= d - search.backward_high; k += 2) {
        const Index i = search.offset + k;
        Index x = (k == -d || (k != d && backward_[i - 1] < backward_[i + 1]))
                      ? backward_[i + 1]
                      : backward_[i - 1] + 1;
        Index y = x - k;
        const Index x_start = x;
        while (x < search.n && y < search.m && a_[a_last - x] == b_[b_last - y]) {
            ++x;
            ++y;
        }
        work_ += 1 + x - x_start;
        backward_[i] = x;
        if (x > search.n) {
            search.backward_high += 2;
        } else if (y > search.m) {
            search.backward_low += 2;
        } else if (search.delta() % 2 == 0) {
            const Index j = search.offset + search.delta() - k;
            if (j >= 0 && j < size && forward_[j] != -1 && forward_[j] >= search.n - x) {
                return Point{forward_[j], forward_[j] - (j - search.offset)};
            }
        }
    }
    return std::nullopt;
}

// The point, inside the edit graph, that either search got furthest from its own end.
std::optional<Point> Myers::furthest_point(const Search& search, Index d) const
{
    std::optional<Point> best;
    Index best_progress = 0;
    for (Index k = -d + search.forward_low; k <= d - search.forward_high; k += 2) {
        const Index x = forward_[search.offset + k];
        const Index y = x - k;
        if (x <= search.n && y <= search.m && x + y > best_progress) {
            best = Point{x, y};
            best_progress = x + y;
        }
    }
    for (Index k = -d + search.backward_low; k <= d - search.backward_high; k += 2) {
        const Index x = backward_[search.offset + k];
        const Index y = x - k;
        if (x <= search.n && y <= search.m && x + y > best_progress) {
            best = Point{search.n - x, search.m - y};
            best_progress = x + y;
        }
    }
    return best;
}

void Myers::mark(Index a_begin, Index a_end, Index b_begin, Index b_end)
{
    for (Index line = a_begin; line < a_end; ++line) {
        a_changed_[line] = 1;
    }
    for (Index line = b_begin; line < b_end; ++line) {
        b_changed_[line] = 1;
    }
}

// Moves changes to where GNU diff and git show them (xdiff's xdl_change_compact), since equal
// lines leave several shortest diffs to choose from: each group of changed lines slides up
// and down over equal lines, merging with the groups it touches, and settles as low as it
// goes, or level with a change in the other file.
void compact(const std::vector<std::uint32_t>& lines, ChangedLines& changed,
             const ChangedLines& other)
{
    const Index n = changed.size();
    Index i = 0; // in `lines`
    Index o = 0; // the matching place in the other file
    for (;;) {
        for (; i < n && !changed[i]; ++i) {
            while (other[o++]) {
            }
        }
        if (i == n) {
            return;
        }
        Index start = i;
        for (++i; changed[i]; ++i) {
        }
        for (; other[o]; ++o) {
        }
        Index size = 0;
        Index level = n; // where the group ends when level with a change in the other file
        do {
            size = i - start;
            while (start > 0 && lines[start - 1] == lines[i - 1]) {
                changed[--start] = 1;
                changed[--i] = 0;
                for (; changed[start - 1]; --start) {
                }
                while (other[--o]) {
                }
            }
            level = other[o - 1] ? i : n;
            while (i < n && lines[start] == lines[i]) {
                changed[start++] = 0;
                changed[i++] = 1;
                for (; changed[i]; ++i) {
                }
                while (other[++o]) {
                    level = i;
                }
            }
        } while (size != i - start);
        while (level < i) {
            changed[--start] = 1;
            changed[--i] = 0;
            while (other[--o]) {
            }
        }
    }
}

// Lines a_count at a_pos in a are replaced by b_count lines at b_pos in b.
struct Change {
    Index a_pos = 0;
    Index a_count = 0;
    Index b_pos = 0;
    Index b_count = 0;

    Index a_end() const { return a_pos + a_count; }
    Index b_end() const { return b_pos + b_count; }
};

// The changes, with positions counted from `first_line` on.
std::vector<Change> collect_changes(const ChangedLines& a_changed, const ChangedLines& b_changed,
                                    Index first_line)
{
    std::vector<Change> changes;
    Index i = 0;
    Index j = 0;
    while (i < a_changed.size() || j < b_changed.size()) {
        if (!a_changed[i] && !b_changed[j]) {
            ++i;
            ++j;
            continue;
        }
        Change change{first_line + i, 0, first_line + j, 0};
        for (; a_changed[i]; ++i) {
            ++change.a_count;
        }
        for (; b_changed[j]; ++j) {
            ++change.b_count;
        }
        changes.push_back(change);
    }
    return changes;
}

std::vector<std::uint32_t> line_numbers(std::span<const std::string_view> lines,
                                        std::unordered_map<std::string_view, std::uint32_t>& ids)
{
    std::vector<std::uint32_t> numbers;
    numbers.reserve(lines.size());
    for (const auto line : lines) {
        numbers.push_back(
            ids.try_emplace(line, static_cast<std::uint32_t>(ids.size())).first->second);
    }
    return numbers;
}

// The changes between the middles of the window. They stay inside the middles (compacting does
// not slide them into the shared lines), so the window holds all the context they need.
std::vector<Change> find_changes(const Window& window)
{
    const auto middle = [&window](const std::vector<std::string_view>& lines) {
        return std::span(lines).subspan(
            static_cast<std::size_t>(window.shared_before),
            lines.size() - static_cast<std::size_t>(window.shared_before + window.shared_after));
    };
    std::unordered_map<std::string_view, std::uint32_t> ids;
    ids.reserve(window.a.size() + window.b.size());
    const auto a = line_numbers(middle(window.a), ids);
    const auto b = line_numbers(middle(window.b), ids);
    ChangedLines a_changed(a.size());
    ChangedLines b_changed(b.size());
    Myers(a, b, a_changed, b_changed)
        .compare(0, static_cast<Index>(a.size()), 0, static_cast<Index>(b.size()));
    compact(a, a_changed, b_changed);
    compact(b, b_changed, a_changed);
    return collect_changes(a_changed, b_changed, window.shared_before);
}

// ---- Output ----

// GNU diff's way: an empty range names the line before it, a one-line range drops ",1".
void append_range(std::string& out, Index start, Index count)
{
    if (count == 0) {
        out += std::to_string(start) + ",0";
    } else if (count == 1) {
        out += std::to_string(start + 1);
    } else {
        out += std::to_string(start + 1) + "," + std::to_string(count);
    }
}

void append_line(std::string& out, char mark, std::string_view line)
{
    out += mark;
    out += line;
    if (!line.ends_with('\n')) {
        out += "\n\\ No newline at end of file\n";
    }
}

void append_hunk(std::string& out, const Window& window, std::span<const Change> group,
                 Index context)
{
    const Change& first = group.front();
    const Change& last = group.back();
    const Index lead = std::min(context, first.a_pos);
    const Index trail = std::min(context, static_cast<Index>(window.a.size()) - last.a_end());
    const Index a_start = first.a_pos - lead;
    const Index b_start = first.b_pos - lead;
    out += "@@ -";
    append_range(out, window.first_line + a_start, last.a_end() + trail - a_start);
    out += " +";
    append_range(out, window.first_line + b_start, last.b_end() + trail - b_start);
    out += " @@\n";
    Index a_pos = a_start;
    for (const Change& change : group) {
        for (; a_pos < change.a_pos; ++a_pos) {
            append_line(out, ' ', window.a[a_pos]);
        }
        for (Index i = change.a_pos; i < change.a_end(); ++i) {
            append_line(out, '-', window.a[i]);
        }
        for (Index i = change.b_pos; i < change.b_end(); ++i) {
            append_line(out, '+', window.b[i]);
        }
        a_pos = change.a_end();
    }
    for (; a_pos < last.a_end() + trail; ++a_pos) {
        append_line(out, ' ', window.a[a_pos]);
    }
}

} // namespace

std::string unified_diff(std::string_view before, std::string_view after,
                         const std::string& label_before, const std::string& label_after,
                         int context)
{
    if (before == after) {
        return {};
    }
    const Index lines_around = std::max(context, 0);
    const Window window = make_window(before, after, lines_around);
    const std::vector<Change> changes = find_changes(window);
    std::string out = "--- " + label_before + "\n+++ " + label_after + "\n";
    std::size_t first = 0;
    while (first < changes.size()) {
        // Hunks whose context would touch or overlap are printed as one.
        std::size_t last = first;
        while (last + 1 < changes.size() &&
               changes[last + 1].a_pos - changes[last].a_end() <= 2 * lines_around) {
            ++last;
        }
        append_hunk(out, window, std::span(changes).subspan(first, last - first + 1), lines_around);
        first = last + 1;
    }
    return out;
}

} // namespace apicat::util
