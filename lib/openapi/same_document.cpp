#include "openapi/same_document.hpp"

#include <cmath>

namespace apicat::openapi {

bool same_document(const Json& a, const Json& b)
{
    if (a.is_number_float() && b.is_number_float() && std::isnan(a.get<double>())) {
        return std::isnan(b.get<double>());
    }
    if (a.type() != b.type() || !a.is_structured()) {
        return a == b; // == also compares numbers across integer and float
    }
    if (a.size() != b.size()) {
        return false;
    }
    auto in_b = b.items().begin();
    for (const auto& item : a.items()) {
        if ((a.is_object() && item.key() != in_b.key()) ||
            !same_document(item.value(), in_b.value())) {
            return false;
        }
        ++in_b;
    }
    return true;
}

} // namespace apicat::openapi
