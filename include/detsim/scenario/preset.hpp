// Guarantee presets: named bundles of terms by role, for the lead guarantor and for the others.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "detsim/scenario/scenario.hpp"

namespace detsim {

struct Preset {
  std::string name;
  std::string description;
  // The guarantor whose lead terms these are (an actor id), or "" when the preset does not depend
  // on who leads. A scenario whose lead is another actor runs it under the name
  // "<preset>[lead=<id>]" (docs/MODEL.md, "How the terms are resolved").
  std::string written_for;
  std::filesystem::path file;
  bool collective = false;
  Quantity cohesion_shift = Quantity::constant(0.0);
  GuaranteeTerms lead;    // terms for the lead guarantor
  GuaranteeTerms others;  // terms for every other guarantor
};

// Directory of the shipped presets: $DETSIM_PRESET_DIR if set; else the first that exists of
// <directory of the running program>/../share/detsim/presets (an installed detsim) and
// <directory of the running program>/share/detsim/presets (a build tree, where CMake links it to
// the source tree's scenarios/presets); else the first of those, which does not exist.
std::filesystem::path preset_directory();

// Where preset_directory() looks, in order, for messages that say where presets were sought.
std::vector<std::filesystem::path> preset_directory_candidates();

// Names of the shipped presets: the five structures of the policy debate first, in the order
// none, nato_article5, bilateral_pact, security_assistance, economic_diplomatic, then any others
// found in the directory, alphabetically. This is what --structure all runs.
std::vector<std::string> shipped_preset_names();

// A preset by name (looked up in preset_directory()) or by path (anything containing '/' or
// ending in .yaml, relative to `relative_to`). Throws InputError if unknown or invalid.
Preset load_preset(const std::string& name_or_path, const std::filesystem::path& relative_to = {});

}  // namespace detsim
