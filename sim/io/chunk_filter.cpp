// shuffle_deflate: HDF5's shuffle and deflate filters, byte for byte, for chunks packed off the
// writing thread.
#include "chunk_filter.hpp"

#include <zlib.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace detsim::detail {

void shuffle_deflate(const std::byte* raw, std::size_t bytes, std::size_t element_size,
                     std::vector<std::byte>& scratch, std::vector<std::byte>& packed) {
  const std::byte* source = raw;
  // HDF5's shuffle leaves one-byte values, and chunks smaller than one value, as they are.
  const std::size_t values = element_size > 1 ? bytes / element_size : 0;
  if (values > 1) {
    scratch.resize(bytes);
    for (std::size_t k = 0; k < element_size; ++k) {
      std::byte* plane = scratch.data() + k * values;
      const std::byte* from = raw + k;
      for (std::size_t i = 0; i < values; ++i) plane[i] = from[i * element_size];
    }
    const std::size_t shuffled = values * element_size;
    if (bytes > shuffled) std::memcpy(scratch.data() + shuffled, raw + shuffled, bytes - shuffled);
    source = scratch.data();
  }
  // HDF5's deflate filter gives compress2 an output buffer of compressBound bytes, so it never
  // overflows: the packed chunk is kept even in the rare case it is larger than the raw one.
  uLongf packed_size = compressBound(static_cast<uLong>(bytes));
  packed.resize(packed_size);
  const int status =
      compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(source), static_cast<uLong>(bytes), deflate_level);
  if (status != Z_OK) {
    throw std::runtime_error("deflate failed (zlib status " + std::to_string(status) + ")");
  }
  packed.resize(packed_size);
}

}  // namespace detsim::detail
