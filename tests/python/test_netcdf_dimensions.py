"""/trials and /paths open in xarray through h5netcdf with named dimensions, not phony ones.

Needs DETSIM_RESULTS_FILE (a real `detsim run` file with recorded paths); skipped without it.
"""

import os
import unittest

import h5py
import numpy as np
import xarray as xr

REAL_FILE = os.environ.get("DETSIM_RESULTS_FILE")


@unittest.skipUnless(REAL_FILE, "needs DETSIM_RESULTS_FILE")
class NetcdfDimensions(unittest.TestCase):
    def test_trials_share_one_dimension_as_long_as_the_table(self):
        # Without dimension scales h5netcdf refuses the group (phony_dims not given).
        with xr.open_dataset(REAL_FILE, group="trials", engine="h5netcdf") as ds, \
                h5py.File(REAL_FILE, "r") as f:
            rows = f["trials/trial"].shape[0]
            self.assertGreater(rows, 0)
            self.assertEqual(dict(ds.sizes), {"trial_row": rows})
            self.assertEqual(set(ds.data_vars), set(f["trials"].keys()))
            np.testing.assert_array_equal(ds["territory"].values, f["trials/territory"][()])
            self.assertEqual(int(f.attrs["trials_completed"]), rows)

    def test_paths_have_rows_and_numbered_months(self):
        with xr.open_dataset(REAL_FILE, group="paths", engine="h5netcdf") as ds, \
                h5py.File(REAL_FILE, "r") as f:
            rows, months = f["paths/cohesion"].shape
            self.assertGreater(rows, 0)
            self.assertEqual(dict(ds.sizes), {"path_row": rows, "month": months})
            self.assertEqual(ds["cohesion"].dims, ("path_row", "month"))
            self.assertEqual(ds["trial"].dims, ("path_row",))
            np.testing.assert_array_equal(ds["month"].values, np.arange(months))
            np.testing.assert_array_equal(ds["cohesion"].values, f["paths/cohesion"][()])

    def test_the_table_groups_hold_columns_only(self):
        # The dimensions live at the root, so a table is still {name: column} for h5py users.
        with h5py.File(REAL_FILE, "r") as f:
            for group in ("trials", "paths"):
                for name, dataset in f[group].items():
                    self.assertNotIn("CLASS", dataset.attrs, f"/{group}/{name}")


if __name__ == "__main__":
    unittest.main()
