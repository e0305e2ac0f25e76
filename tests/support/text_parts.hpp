#pragma once

// What tests look for in text a program printed or a server received: its lines, and a part
// anywhere in it.

#include <sstream>
#include <string>
#include <vector>

namespace apicat::test {

// The lines of `text`, without their line ends.
inline std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(line);
    }
    return lines;
}

// True when `part` occurs in `text`.
inline bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace apicat::test
