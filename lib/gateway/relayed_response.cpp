#include "gateway/relayed_response.hpp"

#include "gateway/forwarding.hpp"

namespace apicat::gateway {

void add_gateway_fields(const Forward& forward, std::vector<http::Header>& headers)
{
    headers.insert(headers.end(), forward.response_headers.begin(), forward.response_headers.end());
    if (forward.cors) {
        apply_cors(*forward.cors, headers);
    }
}

Answer failed_forward_answer(const Forward& forward, http::TransportFailure failure,
                             const std::string& detail)
{
    Answer answer = upstream_failure_answer(failure, upstream_host(forward.request.url), detail);
    add_gateway_fields(forward, answer.headers);
    return answer;
}

} // namespace apicat::gateway
