// The guarantee section and its resolution: who leads, preset terms for the lead and the others,
// then the scenario's own settings field by field, and the name all that goes by.
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
    input.cohesion_shift = read_quantity(d, shift, "guarantee.cohesion_shift",
                                         key_field(guarantee_fields(), "cohesion_shift").range);
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

namespace {

// The name a preset gives its experiments: a shipped preset's name, a preset file's stem.
std::string preset_label(const std::string& name_or_path) {
  return names_preset_file(name_or_path) ? std::filesystem::path(name_or_path).stem().string()
                                         : name_or_path;
}

// A preset's lead terms, or a collective alliance, bind a role to an actor: with two guarantors
// or more, that binding must be written (`lead: true`), never taken from the file's order.
// Otherwise the only guarantor leads, or the first (then the lead only names whose cost
// burden_share_allies sets apart).
void settle_lead(Diagnostics& d, const YAML::Node& actors_node, const Preset* preset,
                 bool collective, Scenario& scenario) {
  std::vector<Actor*> guarantors;
  for (Actor& actor : scenario.actors) {
    if (actor.role == Role::guarantor) guarantors.push_back(&actor);
  }
  if (guarantors.empty() || scenario.lead_guarantor()) return;
  if (guarantors.size() > 1 && (preset || collective)) {
    std::vector<std::string> ids;
    for (const Actor* g : guarantors) ids.push_back(g->id);
    std::string why;
    if (preset) {
      why = "the preset " + preset_label(scenario.guarantee.preset) +
            " gives its terms by role (lead and others)";
      if (!preset->written_for.empty()) why += " and was written for " + preset->written_for;
    } else {
      why = "guarantee.collective = true makes the alliance follow its lead";
    }
    d.error(actors_node, "actors",
            "actors: no guarantor says `lead: true`, and " + why +
                ": write `lead: true` on one of " + join(ids) +
                " (the order of the file does not choose one)");
    return;
  }
  guarantors.front()->lead = true;
}

// Every way the resolved guarantee departs from its preset, "key=value", in a fixed order.
std::vector<std::string> departures(const Preset& preset, const Scenario& scenario,
                                    const std::vector<GuaranteeTerms>& from_preset) {
  std::vector<std::string> changes;
  const Actor* lead = scenario.lead_guarantor();
  if (lead && !preset.written_for.empty() && lead->id != preset.written_for) {
    changes.push_back("lead=" + lead->id);
  }
  if (scenario.guarantee.collective != preset.collective) {
    changes.push_back(std::string("collective=") +
                      (scenario.guarantee.collective ? "true" : "false"));
  }
  if (!(scenario.guarantee.cohesion_shift == preset.cohesion_shift)) {
    changes.push_back("cohesion_shift=" + compact_text(scenario.guarantee.cohesion_shift));
  }
  std::size_t g = 0;
  for (const Actor* actor : scenario.guarantors()) {
    for (const TermInfo& term : kTerms) {
      if (!(actor->terms[term.term] == from_preset[g][term.term])) {
        changes.push_back(actor->id + "." + std::string(term.key) + "=" +
                          compact_text(actor->terms[term.term]));
      }
    }
    ++g;
  }
  return changes;
}

}  // namespace

void resolve_guarantee(Diagnostics& d, const GuaranteeInput& input,
                       const std::filesystem::path& relative_to, const YAML::Node& actors_node,
                       Scenario& scenario, PresetCache* presets) {
  std::optional<Preset> preset;
  if (input.preset && !input.preset->empty()) {
    scenario.guarantee.preset = *input.preset;
    PresetCache once;
    const PresetCache::Entry& read = (presets ? *presets : once).get(*input.preset, relative_to);
    const PresetLookup& lookup = read.lookup;
    if (!lookup.file) {
      bad_value(d, input.preset_node, "guarantee.preset", lookup.problem);
    } else {
      preset = read.preset;
      d.append(read.errors);
      // A file is recorded by its absolute path, so that the resolved scenario written to the
      // results runs again from any directory.
      std::error_code ec;
      const auto absolute = std::filesystem::absolute(*lookup.file, ec);
      if (names_preset_file(*input.preset) && !ec) {
        scenario.guarantee.preset = absolute.lexically_normal().string();
      }
    }
  }
  if (preset) {
    scenario.guarantee.collective = preset->collective;
    scenario.guarantee.cohesion_shift = preset->cohesion_shift;
  }
  if (input.collective) scenario.guarantee.collective = *input.collective;
  if (input.cohesion_shift) scenario.guarantee.cohesion_shift = *input.cohesion_shift;
  settle_lead(d, actors_node, preset ? &*preset : nullptr, scenario.guarantee.collective, scenario);

  std::vector<std::string> guarantor_ids;
  std::vector<GuaranteeTerms> from_preset;
  for (auto& actor : scenario.actors) {
    if (actor.role != Role::guarantor) continue;
    guarantor_ids.push_back(actor.id);
    actor.terms = terms_or_zero({});
    if (preset) actor.terms = actor.lead ? preset->lead : preset->others;
    from_preset.push_back(actor.terms);
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
  if (input.preset && !input.preset->empty()) {
    scenario.guarantee.structure = preset_label(*input.preset);
    if (preset) {
      const std::vector<std::string> changes = departures(*preset, scenario, from_preset);
      if (!changes.empty()) scenario.guarantee.structure += "[" + join(changes, ",") + "]";
    }
  }
}

}  // namespace detsim::detail
