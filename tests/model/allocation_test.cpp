// The monthly loop allocates nothing: after a thread's first trial has sized its state, running
// further trials of the default scenario calls operator new zero times.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

#include "support/canonical_game.hpp"
#include "support/single_trial.hpp"

namespace {
std::atomic<long> allocations{0};
}

// Counting replacements of the global allocation functions, for this test program only.
// AddressSanitizer brings its own, so under it the count is not taken (the Release run takes it).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCounting = false;
#else
constexpr bool kCounting = true;
// GCC cannot see that these replacements pair malloc with free and warns at every delete.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#endif

using namespace detsim;
using namespace detsim::testing;

TEST_CASE("trials after the first allocate nothing, paths recorded or not") {
  // Every submodel active: two guarantors, elections, aid, sanctions, probes, noise, logit.
  CanonicalGame game;
  game.credibility = beta(0.5, 8);
  game.guarantor_resolve = beta(0.55, 10);
  game.challenger_resolve = beta(0.65, 20);
  Scenario s = canonical_scenario(game, 1, 1);
  s.horizon_months = 120;
  s.rationality = Quantity::constant(20.0);
  s.honor_noise = Quantity::constant(0.05);
  s.actors[0].can_probe = true;
  s.actors[1].resolve = Quantity::constant(0.9);
  s.actors[2].terms[Term::aid_per_month] = Quantity::constant(0.01);
  s.actors[2].terms[Term::sanctions] = Quantity::constant(0.02);
  Elections e;
  e.every_months = 24;
  e.first_month = 6;
  e.resolve_after_flip = beta(0.35, 10);
  s.actors[2].elections = e;
  Actor ally = s.actors[2];
  ally.id = "ally";
  ally.lead = false;
  ally.elections.reset();
  ally.credibility = uniform(0.3, 0.7);
  s.actors.push_back(ally);
  s.guarantee.collective = true;
  s.dynamics.opportunity_volatility = Quantity::constant(0.25);
  // The forward-looking challenger: a persistent shock and a plan solved, and solved again as
  // elections and tests change what it knows.
  s.dynamics.opportunity_persistence = Quantity::constant(0.9);
  s.dynamics.challenger_discount = Quantity::constant(0.98);
  // Crises repeat, and the plan is solved again after each; probes are valued for their lesson.
  s.dynamics.crisis_cooldown_months = 12;

  SingleTrial t(s);
  t.run(0);  // the first trial sizes everything
  long attacks = 0, repeated = 0;
  const long before = allocations.load();
  for (int trial = 1; trial <= 300; ++trial) {
    t.run(trial, trial % 2 == 1);
    attacks += t.state.attack_month >= 0;
    repeated += t.state.crises > 1;
  }
  if (kCounting) {
    CHECK(allocations.load() - before == 0);
  } else {
    WARN("allocations are not counted under AddressSanitizer");
  }
  CHECK(attacks > 0);   // the war submodels ran too
  CHECK(repeated > 0);  // and peace returned after a war
}

TEST_CASE("one state fitted to two experiments runs trials of either without allocating") {
  // Experiments as different as one run allows: other drawn parameters (more slots), elections
  // or none, other terms. Once each has run a trial, alternating between them allocates nothing.
  CanonicalGame game;
  game.credibility = beta(0.5, 8);
  game.guarantor_resolve = beta(0.55, 10);
  Scenario a = canonical_scenario(game, 1, 1);
  a.horizon_months = 60;
  a.actors[2].terms[Term::aid_per_month] = Quantity::constant(0.01);
  Elections e;
  e.every_months = 12;
  a.actors[2].elections = e;
  Scenario b = a;
  b.actors[2].elections.reset();
  b.actors[2].terms[Term::sanctions] = Quantity::constant(0.02);
  b.severity.war = uniform(0.6, 0.8);
  b.dynamics.front_speed = uniform(0.01, 0.03);
  const TrialModel first(a), second(b);
  REQUIRE(first.parameters().plan.slots() != second.parameters().plan.slots());
  TrialState state;
  first.fit_state(state);
  second.fit_state(state);
  ColumnBlock out_first(first.trial_columns()), out_second(second.trial_columns());
  out_first.resize(1);
  out_second.resize(1);
  const auto run = [&](int trial) {
    const TrialStreams streams{0, static_cast<std::uint64_t>(trial)};
    if (trial % 2 == 0) {
      first.run(streams, state, 0, trial, out_first, 0, {});
    } else {
      second.run(streams, state, 1, trial, out_second, 0, {});
    }
  };
  run(0);
  run(1);
  const long before = allocations.load();
  for (int trial = 2; trial < 300; ++trial) run(trial);
  if (kCounting) {
    CHECK(allocations.load() - before == 0);
  } else {
    WARN("allocations are not counted under AddressSanitizer");
  }
}

TEST_CASE("trials drawing a posterior's particles allocate nothing") {
  // The posterior sets a constant and the mean of a drawn beta (one quantile table per particle).
  CanonicalGame game;
  game.guarantor_resolve = beta(0.55, 10);
  Scenario s = canonical_scenario(game, 1, 1);
  s.horizon_months = 60;
  s.honor_noise = Quantity::constant(0.05);
  const Posterior posterior({"honor_noise", "actors.guarantor.resolve.beta.mean"},
                            {{0.0, 0.05, 0.1}, {0.4, 0.55, 0.7}}, {0.2, 0.5, 0.3});
  TrialParameters parameters(s, nullptr, &posterior);
  REQUIRE(parameters.plan.unset_posterior_paths().empty());
  std::vector<std::string> recorded;
  for (const RecordedParameter& r : parameters.plan.recorded()) recorded.push_back(r.name);
  const TrialModel model(std::move(parameters), recorded);
  TrialState state = model.make_state();
  ColumnBlock out(model.trial_columns());
  out.resize(1);
  const auto run = [&](int trial) {
    model.run(TrialStreams{0, static_cast<std::uint64_t>(trial)}, state, 0, trial, out, 0, {});
  };
  run(0);
  const long before = allocations.load();
  for (int trial = 1; trial < 300; ++trial) run(trial);
  if (kCounting) {
    CHECK(allocations.load() - before == 0);
  } else {
    WARN("allocations are not counted under AddressSanitizer");
  }
}
