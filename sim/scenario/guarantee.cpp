// The guarantee section and its resolution: preset terms for the lead and the others, then the
// scenario's own settings field by field.
#include "did_you_mean.hpp"
#include "fields.hpp"
#include "sections.hpp"
#include "yaml_fields.hpp"

namespace detsim::detail {

GuaranteeInput read_guarantee(Diagnostics& d, const YAML::Node& node) {
  GuaranteeInput input;
  const std::string path = "guarantee";
  if (!node || !check_map(d, node, path, guarantee_keys())) return input;
  if (auto preset = child(node, "preset")) {
    input.preset_node = preset;
    input.preset = read_string(d, preset, "guarantee.preset");
  }
  if (auto collective = child(node, "collective")) {
    input.collective = read_bool(d, collective, "guarantee.collective");
  }
  if (auto shift = child(node, "cohesion_shift")) {
    input.cohesion_shift =
        read_quantity(d, shift, "guarantee.cohesion_shift", cohesion_shift_range());
  }
  const YAML::Node terms = child(node, "terms");
  if (!terms || terms.IsNull()) return input;
  if (!terms.IsMap()) {
    bad_value(d, terms, "guarantee.terms",
              "must be a map of guarantor id to terms (" + join(keys_of(kTerms)) + ")");
    return input;
  }
  for (const auto& pair : terms) {
    const std::string id = pair.first.IsScalar() ? pair.first.Scalar() : render(pair.first);
    const std::string entry_path = "guarantee.terms." + id;
    bool duplicate = false;
    for (const auto& e : input.terms) duplicate = duplicate || e.id == id;
    if (duplicate) {
      d.error(pair.first, entry_path,
              entry_path + ": duplicate key (each guarantor's terms are given once)");
      continue;
    }
    input.terms.push_back({id, pair.first, read_terms(d, pair.second, entry_path)});
  }
  return input;
}

void resolve_guarantee(Diagnostics& d, const GuaranteeInput& input,
                       const std::filesystem::path& relative_to, Scenario& scenario) {
  std::optional<Preset> preset;
  if (input.preset && !input.preset->empty()) {
    scenario.guarantee.preset = *input.preset;
    const PresetLookup lookup = find_preset(*input.preset, relative_to);
    if (!lookup.file) {
      bad_value(d, input.preset_node, "guarantee.preset", lookup.problem);
    } else {
      Diagnostics preset_errors(lookup.file->string());
      preset = read_preset_file(preset_errors, *lookup.file);
      d.append(preset_errors);
    }
  }
  if (preset) {
    scenario.guarantee.collective = preset->collective;
    scenario.guarantee.cohesion_shift = preset->cohesion_shift;
  }
  if (input.collective) scenario.guarantee.collective = *input.collective;
  if (input.cohesion_shift) scenario.guarantee.cohesion_shift = *input.cohesion_shift;

  std::vector<std::string> guarantor_ids;
  for (auto& actor : scenario.actors) {
    if (actor.role != Role::guarantor) continue;
    guarantor_ids.push_back(actor.id);
    actor.terms = terms_or_zero({});
    if (preset) actor.terms = actor.lead ? preset->lead : preset->others;
  }
  for (const auto& entry : input.terms) {
    const std::string path = "guarantee.terms." + entry.id;
    Actor* actor = nullptr;
    for (auto& a : scenario.actors) {
      if (a.id == entry.id) actor = &a;
    }
    if (!actor) {
      d.error(entry.key_node, path,
              path + ": no such guarantor; " + suggestion(entry.id, guarantor_ids, "guarantors"));
    } else if (actor->role != Role::guarantor) {
      d.error(entry.key_node, path,
              path + ": " + entry.id + " is the " + role_name(actor->role) +
                  "; terms are for guarantors only (" +
                  (guarantor_ids.empty() ? std::string("there are none") : join(guarantor_ids)) +
                  ")");
    } else {
      override_terms(actor->terms, entry.terms);
    }
  }
}

}  // namespace detsim::detail
