// Levenshtein distance and prefix matching behind the "did you mean" hints.
#include "did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace detsim::detail {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  const std::string a = lowercase(a_in);
  const std::string b = lowercase(b_in);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view typed,
                                         const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(typed, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (best) return best;
  // A prefix is only a hint when it says something: one letter matches too much.
  const std::string t = lowercase(typed);
  if (t.size() < 2) return std::nullopt;
  for (const auto& candidate : candidates) {
    const std::string c = lowercase(candidate);
    if (starts_with(c, t) || starts_with(t, c)) return candidate;
  }
  return std::nullopt;
}

std::string suggestion(std::string_view typed, const std::vector<std::string>& candidates,
                       std::string_view what) {
  if (auto match = closest_match(typed, candidates)) return "did you mean '" + *match + "'?";
  if (candidates.empty()) return std::string("there are no ") + std::string(what);
  return std::string(what) + ": " + join(candidates);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace detsim::detail
