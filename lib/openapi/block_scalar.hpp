#pragma once

// The string a literal (|) or folded (>) YAML block scalar stands for.
//
// The layout reader needs it where a block scalar is a key (`? |` then the key's lines), and
// where an alias used as a key stands for an anchored block scalar; values are edited as
// text ranges and never decoded.

#include <string>
#include <string_view>

namespace apicat::openapi {

// `text` runs from the '|' or '>' to the end of the scalar's last line, its empty lines
// included; `indent` is the column of its content (its explicit indentation indicator, if any,
// already applied).
std::string decode_block_scalar(std::string_view text, int indent);

} // namespace apicat::openapi
