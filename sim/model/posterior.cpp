// Posterior: checking the weights, their cumulative sum for the inverse-CDF draw, and the digest.
#include "detsim/model/posterior.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "detsim/model/random_stream.hpp"

namespace detsim {

namespace {

std::string hex(std::uint64_t h) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace

Posterior::Posterior(std::vector<std::string> applies_to, std::vector<std::vector<double>> values,
                     const std::vector<double>& weights)
    : applies_to_(std::move(applies_to)), values_(std::move(values)) {
  if (weights.empty()) throw std::invalid_argument("it holds no particle");
  if (values_.size() != applies_to_.size()) {
    throw std::invalid_argument("it has " + std::to_string(applies_to_.size()) +
                                " paths but values for " + std::to_string(values_.size()));
  }
  double total = 0;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    if (!(weights[j] >= 0) || !std::isfinite(weights[j])) {
      throw std::invalid_argument("weight of particle " + std::to_string(j) + " is " +
                                  std::to_string(weights[j]) +
                                  ": weights must be finite and non-negative");
    }
    total += weights[j];
  }
  if (!(std::abs(total - 1) <= 1e-9)) {
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.17g", total);
    throw std::invalid_argument(std::string("weights sum to ") + sum +
                                ": a posterior's weights must be normalised to sum to 1 (within "
                                "1e-9)");
  }
  for (std::size_t k = 0; k < values_.size(); ++k) {
    if (values_[k].size() != weights.size()) {
      throw std::invalid_argument(applies_to_[k] + " has " + std::to_string(values_[k].size()) +
                                  " values for " + std::to_string(weights.size()) + " particles");
    }
    for (std::size_t j = 0; j < weights.size(); ++j) {
      if (!std::isfinite(values_[k][j])) {
        throw std::invalid_argument("particle " + std::to_string(j) + "'s value of " +
                                    applies_to_[k] + " is not a finite number");
      }
    }
  }
  cdf_.resize(weights.size());
  double running = 0;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    running += weights[j];
    cdf_[j] = running / total;
  }
  // Every u < 1 finds a particle, whatever the rounding of the sum: the last positive weight's
  // particle takes the top.
  for (std::size_t j = cdf_.size(); j-- > 0;) {
    cdf_[j] = 1;
    if (weights[j] > 0) break;
  }

  std::string bytes;
  const auto add_number = [&bytes](double x) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    for (int b = 0; b < 8; ++b) bytes.push_back(static_cast<char>((bits >> (8 * b)) & 0xff));
  };
  for (std::size_t k = 0; k < applies_to_.size(); ++k) {
    bytes += applies_to_[k];
    bytes.push_back('\0');
    for (const double x : values_[k]) add_number(x);
  }
  for (const double w : weights) add_number(w);
  digest_ = hex(stream_key(bytes)) + ", " + std::to_string(weights.size()) + " particles";
}

int Posterior::index_of(const std::string& path) const {
  const auto found = std::find(applies_to_.begin(), applies_to_.end(), path);
  return found == applies_to_.end() ? -1 : static_cast<int>(found - applies_to_.begin());
}

std::size_t Posterior::particle_at(double u) const {
  const auto j = std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
  return std::min(static_cast<std::size_t>(j), cdf_.size() - 1);
}

}  // namespace detsim
