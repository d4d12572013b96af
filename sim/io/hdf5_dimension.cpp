// Dimension scales (HDF5's high-level H5DS API) in netCDF-4's conventions.
#include "hdf5_dimension.hpp"

#include <hdf5_hl.h>

#include <string>

namespace detsim::detail {

namespace {

// netCDF-C writes this NAME on a dimension that has no coordinate variable; h5netcdf and
// netCDF-C both recognise it by this prefix.
constexpr std::string_view not_a_variable = "This is a netCDF dimension but not a netCDF variable.";

std::string dataset_name(const ColumnDataset& scale) {
  const std::string& path = scale.object().path;
  return path.substr(path.find_last_of('/') + 1);
}

}  // namespace

void make_dimension(const ColumnDataset& scale, bool has_values) {
  const std::string name = has_values ? dataset_name(scale) : std::string(not_a_variable);
  check(H5DSset_scale(scale.object().handle.get(), name.c_str()), scale.object().where(),
        "cannot make a dimension scale");
}

void attach_dimension(const ColumnDataset& scale, const ColumnDataset& column, unsigned axis) {
  check(H5DSattach_scale(column.object().handle.get(), scale.object().handle.get(), axis),
        column.object().where(), "cannot attach dimension " + dataset_name(scale));
}

}  // namespace detsim::detail
