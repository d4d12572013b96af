// read_posterior_group: the table and the attributes of /posterior, from any HDF5 file.
#include "detsim/io/posterior_file.hpp"

#include "detsim/error.hpp"
#include "hdf5_attribute.hpp"
#include "hdf5_object.hpp"
#include "table_io.hpp"

namespace detsim {

PosteriorGroup read_posterior_group(const std::filesystem::path& path) {
  const detail::Object root = detail::open_file_read_only(path);
  if (!detail::has_link(root, "posterior")) {
    throw RunError(path.string() +
                   ": no /posterior group (a calibration's posterior, as "
                   "`detsim calibrate` writes it)");
  }
  const detail::Object group = detail::open_group(root, "posterior");
  PosteriorGroup read;
  read.table = detail::read_table(group);
  for (const char* name : {"parameters", "applies_to"}) {
    if (!detail::has_attribute(group, name)) {
      throw RunError(group.where() + ": no attribute " + name);
    }
    read.attributes.lists.emplace_back(name,
                                       detail::attribute<std::vector<std::string>>(group, name));
  }
  for (const char* name :
       {"scenario", "targets_yaml", "method", "seed_decimal", "source", "digest"}) {
    if (detail::has_attribute(group, name)) {
      read.attributes.text.emplace_back(name, detail::attribute<std::string>(group, name));
    }
  }
  if (detail::has_attribute(group, "seed")) {
    read.attributes.unsigned_integers.emplace_back("seed",
                                                   detail::attribute<std::uint64_t>(group, "seed"));
  }
  return read;
}

}  // namespace detsim
