// Names of the distribution forms and their arguments, shared by the loader and the recorder.
#include "detsim/scenario/quantity.hpp"

#include "numbers.hpp"

namespace detsim {

const std::vector<std::string>& distribution_argument_names(DistributionKind kind) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> uniform{"lo", "hi"};
  static const std::vector<std::string> beta{"mean", "concentration"};
  static const std::vector<std::string> normal{"mean", "sd", "min", "max"};
  static const std::vector<std::string> triangular{"lo", "mode", "hi"};
  switch (kind) {
    case DistributionKind::constant: return none;
    case DistributionKind::uniform: return uniform;
    case DistributionKind::beta: return beta;
    case DistributionKind::normal: return normal;
    case DistributionKind::triangular: return triangular;
  }
  return none;
}

const char* distribution_name(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::constant: return "constant";
    case DistributionKind::uniform: return "uniform";
    case DistributionKind::beta: return "beta";
    case DistributionKind::normal: return "normal";
    case DistributionKind::triangular: return "triangular";
  }
  return "unknown";
}

std::string compact_text(const Quantity& q) {
  if (q.is_constant()) return detail::format_number(q.value);
  std::string text = std::string(distribution_name(q.kind)) + "(";
  for (std::size_t i = 0; i < q.args.size(); ++i) {
    if (i > 0) text += ',';
    text += compact_text(q.args[i]);
  }
  return text + ")";
}

}  // namespace detsim
