// A weighted sample of parameter values (a calibration's posterior) that a run draws one particle
// of per trial: the values of every path it applies to, jointly, as a drawn value is drawn.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace detsim {

class Posterior {
 public:
  // `values[k][j]`: particle j's value of applies_to[k]; `weights[j]` >= 0, summing to 1 within
  // 1e-9 (std::invalid_argument otherwise, saying which; callers name the file). The draw uses
  // the weights as given, normalised.
  Posterior(std::vector<std::string> applies_to, std::vector<std::vector<double>> values,
            const std::vector<double>& weights);

  const std::vector<std::string>& applies_to() const { return applies_to_; }
  std::size_t particles() const { return cdf_.size(); }
  // The column of `path` in applies_to(), or -1 when the posterior does not set it.
  int index_of(const std::string& path) const;
  double value(std::size_t path, std::size_t particle) const { return values_[path][particle]; }
  // The particle a trial takes for its uniform u in (0, 1): the first j with u < F_j, F the
  // cumulative weights, so a particle of weight w is taken with probability w (one of weight 0
  // never).
  std::size_t particle_at(double u) const;
  // FNV-1a of the paths and every value and weight's bits: equal for equal samples, so a run's
  // journal and provenance tell one posterior from another.
  const std::string& digest() const { return digest_; }

 private:
  std::vector<std::string> applies_to_;
  std::vector<std::vector<double>> values_;
  std::vector<double> cdf_;
  std::string digest_;
};

}  // namespace detsim
