// Names of the distribution forms and their arguments, shared by the loader and the recorder.
#include "detsim/scenario/quantity.hpp"

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

}  // namespace detsim
