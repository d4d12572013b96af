// Private to the io part: what HDF5's filter pipeline does to a chunk of a detsim column (shuffle,
// then deflate), done outside HDF5 so that any thread can do it; H5Dwrite_chunk then stores the
// result as the pipeline would have.
#pragma once

#include <cstddef>
#include <vector>

namespace detsim::detail {

// The deflate level every column dataset declares (H5Pset_deflate) and every chunk is packed at.
inline constexpr int deflate_level = 4;

// Packs `bytes` bytes of raw chunk data, values of `element_size` bytes, into `packed` (resized to
// the packed size, never shrunk in capacity, so a reused buffer stops allocating), with `scratch`
// as room for the shuffled bytes. The bytes are those of HDF5 1.10's shuffle filter (byte k of
// every value together, k = 0 .. element_size - 1, any remainder copied as it is) followed by its
// deflate filter (zlib's compress2 at deflate_level): a chunk written with filter mask 0 reads
// back through any HDF5 reader. std::runtime_error if zlib fails (out of memory).
void shuffle_deflate(const std::byte* raw, std::size_t bytes, std::size_t element_size,
                     std::vector<std::byte>& scratch, std::vector<std::byte>& packed);

}  // namespace detsim::detail
