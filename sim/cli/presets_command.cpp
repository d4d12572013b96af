// `detsim presets`: the shipped guarantee structures and their terms.
#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "detsim/scenario/preset.hpp"

namespace detsim::cli {

namespace {

std::string describe(const Quantity& q) {
  if (q.is_constant()) return fmt::format("{:g}", q.value);
  std::string out = std::string(distribution_name(q.kind)) + "(";
  for (std::size_t i = 0; i < q.args.size(); ++i) out += (i ? ", " : "") + describe(q.args[i]);
  return out + ")";
}

std::string describe(const GuaranteeTerms& t) {
  std::string out;
  for (const TermInfo& term : kTerms) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", term.key, describe(t[term.term]));
  }
  return out;
}

}  // namespace

int presets_command() {
  std::cout << fmt::format("presets in {}; each sets these terms for its lead and its others\n",
                           preset_directory().string());
  for (const TermInfo& term : kTerms) {
    std::cout << fmt::format("  {} in [{:g}, {:g}] ({}): {}\n", term.key, term.min, term.max,
                             term.unit, term.description);
  }
  for (const std::string& name : shipped_preset_names()) {
    const Preset p = load_preset(name);
    std::cout << fmt::format(
        "\n{}: {}\n  collective {}, cohesion_shift {}\n  lead:   {}\n  others: {}\n", p.name,
        p.description, p.collective ? "yes" : "no", describe(p.cohesion_shift), describe(p.lead),
        describe(p.others));
  }
  return 0;
}

}  // namespace detsim::cli
