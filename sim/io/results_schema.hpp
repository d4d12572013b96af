// Private to the io part: the constants of the results-file layout shared by writer and reader.
// Bump results_schema_version whenever a reader of the old layout would misread the new one.
#pragma once

#include <cstdint>
#include <string_view>

namespace detsim::detail {

inline constexpr std::int64_t results_schema_version = 1;
inline constexpr std::string_view results_file_type = "detsim results";

}  // namespace detsim::detail
