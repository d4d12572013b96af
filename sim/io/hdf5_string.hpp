// Private to the io part: HDF5 string types, and reading strings in whichever layout a file
// holds them (variable-length as detsim writes them, or fixed-length from other tools).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hdf5_handle.hpp"

namespace detsim::detail {

// Variable-length, NUL-terminated UTF-8: what h5py 3 reads back as str.
Handle make_string_type(std::string_view where);

// Reads every element of a string attribute or dataset (source.kind() says which) into out,
// resized to the number of elements. Memory HDF5 allocates for the read is released even when
// copying throws.
void read_strings(const Handle& source, std::string_view where, std::vector<std::string>& out);

}  // namespace detsim::detail
