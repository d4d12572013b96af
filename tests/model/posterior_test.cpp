// A posterior's particles as drawn values: the weights' checks, the inverse-CDF draw, and a
// particle's values (and the betas they are arguments of) drawn exactly as the constants they are.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "detsim/model/parameter_plan.hpp"
#include "detsim/model/posterior.hpp"
#include "support/canonical_game.hpp"

using namespace detsim;
using namespace detsim::testing;

TEST_CASE("a posterior refuses negative weights and weights that do not sum to 1") {
  CHECK_THROWS_WITH(Posterior({"x"}, {{1, 2}}, {1.5, -0.5}),
                    Catch::Contains("weight of particle 1") && Catch::Contains("non-negative"));
  CHECK_THROWS_WITH(Posterior({"x"}, {{1, 2}}, {0.5, 0.4}), Catch::Contains("sum to 0.9"));
  CHECK_THROWS_WITH(Posterior({"x"}, {{1}}, {1.0, 0.0}), Catch::Contains("x has 1 values"));
  CHECK_THROWS_WITH(Posterior({"x"}, {{NAN, 1}}, {0.5, 0.5}), Catch::Contains("not a finite"));
  CHECK_NOTHROW(Posterior({"x"}, {{1, 2}}, {0.5, 0.5 + 1e-10}));
}

TEST_CASE(
    "the inverse CDF takes each particle over its weight's share of (0, 1), never one of "
    "weight 0") {
  const Posterior p({"x"}, {{10, 20, 30, 40}}, {0.25, 0.0, 0.75, 0.0});
  CHECK(p.particle_at(1e-12) == 0);
  CHECK(p.particle_at(0.2499) == 0);
  CHECK(p.particle_at(0.25) == 2);
  CHECK(p.particle_at(0.9999999999) == 2);
  CHECK(p.index_of("x") == 0);
  CHECK(p.index_of("y") == -1);
}

TEST_CASE("the digest tells posteriors apart by their values, weights and paths") {
  const Posterior a({"x"}, {{1, 2}}, {0.5, 0.5});
  CHECK(a.digest() == Posterior({"x"}, {{1, 2}}, {0.5, 0.5}).digest());
  CHECK(a.digest() != Posterior({"x"}, {{1, 2.0000001}}, {0.5, 0.5}).digest());
  CHECK(a.digest() != Posterior({"x"}, {{1, 2}}, {0.25, 0.75}).digest());
  CHECK(a.digest() != Posterior({"y"}, {{1, 2}}, {0.5, 0.5}).digest());
}

TEST_CASE(
    "a posterior's particle sets its paths in every trial as if the scenario held its "
    "values, betas of those values included") {
  // Particle 0 holds (x = 0.3, y.beta.mean = 0.2), particle 1 (0.7, 0.8); y ~ beta(mean, 12).
  const Posterior posterior({"x", "y.beta.mean"}, {{0.3, 0.7}, {0.2, 0.8}}, {0.5, 0.5});
  BetaTables tables;
  ParameterPlan plan(&tables, &posterior);
  const int x = plan.add(Quantity::constant(0.5), "x");
  const int y = plan.add(beta(0.5, 12), "y");
  const int z = plan.add(beta(0.4, 5), "z");
  CHECK(plan.unset_posterior_paths().empty());
  std::vector<std::string> names;
  for (const auto& r : plan.recorded()) names.push_back(r.name);
  CHECK(names == std::vector<std::string>{"param.x", "param.y.beta.mean", "param.y", "param.z"});

  // The same draws from plans of constants, one per particle.
  std::vector<std::unique_ptr<ParameterPlan>> constant_plans;
  for (const double mean : {0.2, 0.8}) {
    auto p = std::make_unique<ParameterPlan>(&tables);
    p->add(Quantity::constant(0.5), "x");
    p->add(beta(mean, 12), "y");
    p->add(beta(0.4, 5), "z");
    constant_plans.push_back(std::move(p));
  }
  std::vector<double> values(plan.slots()), expected(constant_plans[0]->slots());
  int first = 0;
  const int n = 2000;
  for (int t = 0; t < n; ++t) {
    const TrialStreams streams{7, static_cast<std::uint64_t>(t)};
    plan.draw(streams, values);
    const double drawn_x = values[static_cast<std::size_t>(x)];
    REQUIRE((drawn_x == 0.3 || drawn_x == 0.7));
    const std::size_t j = drawn_x == 0.3 ? 0 : 1;
    first += j == 0;
    constant_plans[j]->draw(streams, expected);
    // Bit for bit: the particle's beta draws through the table a constant beta of its mean has.
    CHECK(values[static_cast<std::size_t>(y)] ==
          expected[static_cast<std::size_t>(constant_plans[j]->slot_of("param.y"))]);
    CHECK(values[static_cast<std::size_t>(z)] ==
          expected[static_cast<std::size_t>(constant_plans[j]->slot_of("param.z"))]);
  }
  // Each particle half the time: within 4 standard errors of the binomial share.
  CHECK(std::abs(first / double(n) - 0.5) < 4 * std::sqrt(0.25 / n));
}

TEST_CASE("a posterior path the plan never meets is reported unset") {
  const Posterior posterior({"x", "nowhere"}, {{1}, {2}}, {1.0});
  ParameterPlan plan(nullptr, &posterior);
  plan.add(Quantity::constant(0.5), "x");
  CHECK(plan.unset_posterior_paths() == std::vector<std::string>{"nowhere"});
}
