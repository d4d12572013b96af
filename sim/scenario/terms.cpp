// Guarantee terms as written in presets and in guarantee.terms, and how they combine.
#include "fields.hpp"
#include "sections.hpp"
#include "yaml_fields.hpp"

namespace detsim::detail {

TermsInput read_terms(Diagnostics& d, const YAML::Node& node, const std::string& path) {
  const auto& fields = terms_fields();
  TermsInput input(fields.size());
  if (!check_map(d, node, path, keys_of(fields))) return input;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (auto value = child(node, fields[i].key)) {
      input[i] = read_quantity(d, value, join_path(path, fields[i].key), fields[i].range);
    }
  }
  return input;
}

GuaranteeTerms terms_or_zero(const TermsInput& input) {
  GuaranteeTerms terms;
  const auto& fields = terms_fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    terms.*fields[i].member = Quantity::constant(0.0);
  }
  override_terms(terms, input);
  return terms;
}

void override_terms(GuaranteeTerms& terms, const TermsInput& input) {
  const auto& fields = terms_fields();
  for (std::size_t i = 0; i < fields.size() && i < input.size(); ++i) {
    if (input[i]) terms.*fields[i].member = *input[i];
  }
}

}  // namespace detsim::detail
