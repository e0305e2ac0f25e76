#pragma once

// Random drafts written in the YAML forms that emitters write and the layout reader must read
// as text ranges: explicit keys ("? key" then ": value") in block and flow style, with plain,
// quoted and block-scalar keys and comments between '?' and ':'; plain and quoted scalars
// folded over lines (double-quoted with '\' continuations, as PyYAML wraps them); block
// scalars with indentation and chomping indicators; document markers; tags (verbatim ones
// too) and anchors, on keys and values. Every draft is valid YAML with an `info` mapping and a
// `paths` mapping, for the editor's property tests.

#include <cstdint>
#include <string>

namespace apicat::test {

class YamlFormGenerator {
public:
    explicit YamlFormGenerator(std::uint32_t seed)
        : state_(seed)
    {
    }

    std::string draft();

private:
    std::uint32_t state_;
    int names_ = 0; // keys and anchors get fresh names, so no mapping holds a key twice

    std::uint32_t next(std::uint32_t bound);
    std::string fresh(const char* prefix);
    std::string entry(int indent, int depth, bool nested);
    std::string key(int indent);
    std::string value(int indent, int depth, bool nested);
    std::string scalar_value(int indent);
    std::string block_scalar(int indent);
    std::string flow_mapping(int indent);
};

} // namespace apicat::test
