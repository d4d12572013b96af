// Private to the io part: netCDF-4 dimensions as HDF5 dimension scales, so that netCDF readers
// (xarray with h5netcdf, netCDF-C) name the axes of /trials and /paths instead of refusing the
// file or inventing phony dimensions.
#pragma once

#include <string_view>

#include "hdf5_column.hpp"

namespace detsim::detail {

// Makes `scale` the dimension named after its dataset. Without values, it is what netCDF-4 calls
// "a dimension but not a variable": its length is the dimension's, its contents never written.
// With values (a coordinate), readers show them along the axis.
void make_dimension(const ColumnDataset& scale, bool has_values);

// Labels axis `axis` of `column` with the dimension `scale`.
void attach_dimension(const ColumnDataset& scale, const ColumnDataset& column, unsigned axis);

}  // namespace detsim::detail
