// Guarantee terms as written in presets and in guarantee.terms, and how they combine.
#include "fields.hpp"
#include "sections.hpp"
#include "yaml_fields.hpp"

namespace detsim::detail {

TermsInput read_terms(Diagnostics& d, const YAML::Node& node, const std::string& path) {
  TermsInput input;
  if (!check_map(d, node, path, keys_of(kTerms))) return input;
  for (const TermInfo& term : kTerms) {
    const std::string key(term.key);
    if (auto value = child(node, key)) {
      input[term.term] = read_quantity(d, value, join_path(path, key), term_range(term));
    }
  }
  return input;
}

GuaranteeTerms terms_or_zero(const TermsInput& input) {
  GuaranteeTerms terms;  // every term a constant 0
  override_terms(terms, input);
  return terms;
}

void override_terms(GuaranteeTerms& terms, const TermsInput& input) {
  for (const TermInfo& term : kTerms) {
    if (input[term.term]) terms[term.term] = *input[term.term];
  }
}

}  // namespace detsim::detail
