// `detsim presets`: the shipped guarantee structures and their terms.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "detsim/scenario/preset.hpp"

namespace detsim::cli {

namespace {

std::string describe(const GuaranteeTerms& t) {
  std::string out;
  for (const TermInfo& term : kTerms) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", term.key, compact_text(t[term.term]));
  }
  return out;
}

}  // namespace

int presets_command() {
  std::cout << fmt::format(
      "presets in {}; each sets these terms for the scenario's lead guarantor (`lead: true`) and "
      "for the others\n",
      preset_directory().string());
  for (const TermInfo& term : kTerms) {
    std::cout << fmt::format("  {} in [{:g}, {:g}] ({}): {}\n", term.key, term.min, term.max,
                             term.unit, term.description);
  }
  for (const std::string& name : shipped_preset_names()) {
    const Preset p = load_preset(name);
    const std::string written_for =
        p.written_for.empty()
            ? std::string("any lead")
            : fmt::format("{} as lead (another lead runs as {}[lead=ID])", p.written_for, name);
    std::cout << fmt::format(
        "\n{}: {}\n  written for {}\n  collective {}, cohesion_shift {}\n  lead:   {}\n  "
        "others: {}\n",
        name, p.description, written_for, p.collective ? "yes" : "no",
        compact_text(p.cohesion_shift), describe(p.lead), describe(p.others));
  }
  return 0;
}

}  // namespace detsim::cli
