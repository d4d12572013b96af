// UTF-8 validity for the text detsim reads and stores: HDF5 strings are declared UTF-8, and a
// reader (h5py, Python's YAML) refuses a file whose strings are not.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace detsim {

// The length of the longest prefix of `text` that is well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF); text.size() when all of it is.
std::size_t valid_utf8_prefix(std::string_view text);

// `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

}  // namespace detsim
