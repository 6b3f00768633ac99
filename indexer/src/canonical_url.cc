#include "canonical_url.h"

#include <algorithm>
#include <array>
#include <vector>

#include "ascii.h"

namespace newsdex::indexer {
namespace {

using internal::ascii_lower;

// Parameters that say who shared or clicked a link, not which page it is.
constexpr std::array<std::string_view, 14> kTrackingParameters = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",  "igshid",
    "ocid",   "cmpid", "taid",  "smid",    "ref",    "ref_src", "sr_share"};

bool is_tracking(std::string_view parameter) {
  const std::string name = ascii_lower(parameter.substr(0, parameter.find('=')));
  if (name.rfind("utm_", 0) == 0) return true;
  return std::find(kTrackingParameters.begin(), kTrackingParameters.end(), name) !=
         kTrackingParameters.end();
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string canonical_article_url(std::string_view url) {
  url = trim(url);
  std::string_view rest;
  if (internal::iequals_ascii(url.substr(0, 7), "http://")) {
    rest = url.substr(7);
  } else if (internal::iequals_ascii(url.substr(0, 8), "https://")) {
    rest = url.substr(8);
  } else {
    return {};
  }
  rest = rest.substr(0, rest.find('#'));
  const auto host_end = rest.find_first_of("/?");
  std::string host = ascii_lower(rest.substr(0, host_end));
  rest = host_end == std::string_view::npos ? std::string_view{} : rest.substr(host_end);
  if (const auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  for (std::string_view port : {":80", ":443"}) {
    if (host.size() > port.size() &&
        host.compare(host.size() - port.size(), port.size(), port) == 0)
      host.erase(host.size() - port.size());
  }
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  if (host.empty()) return {};

  const auto query_start = rest.find('?');
  std::string_view path = rest.substr(0, query_start);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string_view> parameters;
  if (query_start != std::string_view::npos) {
    std::string_view query = rest.substr(query_start + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view parameter = query.substr(0, amp);
      if (!parameter.empty() && !is_tracking(parameter)) parameters.push_back(parameter);
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  if (path.empty() && parameters.empty()) return {};
  std::sort(parameters.begin(), parameters.end());
  std::string canonical = host;
  canonical += path.empty() ? "/" : path;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    canonical += i == 0 ? '?' : '&';
    canonical += parameters[i];
  }
  return canonical;
}

}  // namespace newsdex::indexer
