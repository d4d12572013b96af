// Suggestions for misspelt keys and names, so a typo is answered with the word that was meant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace detsim::detail {

// Edit distance (insertions, deletions, substitutions), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `typed`: edit distance <= 2, else a case-insensitive prefix match
// either way round. Ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view typed,
                                         const std::vector<std::string>& candidates);

// "did you mean 'x'?" when there is a close match, else "allowed: a, b, c" (with `what`
// naming the list, e.g. "allowed keys").
std::string suggestion(std::string_view typed, const std::vector<std::string>& candidates,
                       std::string_view what);

// "a, b, c".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace detsim::detail
