// Guarantee presets: named bundles of terms for the lead guarantor and for the others.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "detsim/scenario/scenario.hpp"

namespace detsim {

struct Preset {
  std::string name;
  std::string description;
  std::filesystem::path file;
  bool collective = false;
  Quantity cohesion_shift = Quantity::constant(0.0);
  GuaranteeTerms lead;    // terms for the lead guarantor
  GuaranteeTerms others;  // terms for every other guarantor
};

// Directory of the shipped presets: $DETSIM_PRESET_DIR if set, else the source tree's
// scenarios/presets compiled in.
std::filesystem::path preset_directory();

// Names of the shipped presets: the five structures of the policy debate first, in the order
// none, nato_article5, bilateral_pact, security_assistance, economic_diplomatic, then any others
// found in the directory, alphabetically. This is what --structure all runs.
std::vector<std::string> shipped_preset_names();

// A preset by name (looked up in preset_directory()) or by path (anything containing '/' or
// ending in .yaml, relative to `relative_to`). Throws InputError if unknown or invalid.
Preset load_preset(const std::string& name_or_path,
                   const std::filesystem::path& relative_to = {});

}  // namespace detsim
