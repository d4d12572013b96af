// A full scenario loads to the right values; absent keys take their defaults; the accessors.
#include <cmath>
#include <limits>

#include "../../sim/scenario/fields.hpp"
#include "scenario_test_support.hpp"

using namespace detsim;
using detsim::test::load;

namespace {

// INTERFACE.md's example, with a nested credibility and terms over a test preset.
const char* const pact = R"(detsim: 1                      # format version
name: bilateral_pact
description: US–Ukraine defense pact; European allies not bound
horizon_months: 120
trials: 10000
seed: 20261126
rationality: .inf
honor_noise: 0.0
severity: {probe: 0.3, war: 0.7}
actors:
  russia:
    role: challenger
    capability: 1.0
    resolve: {beta: {mean: 0.6, concentration: 20}}
    stake: 1.0
    war_cost: 2.0
    nuclear: true
    can_probe: true
  ukraine: {role: target, capability: 0.4}
  united_states:
    role: guarantor
    lead: true
    capability: 2.5
    resolve: {beta: {mean: 0.55, concentration: 10}}
    credibility: {beta: {mean: {uniform: [0.3, 0.7]}, concentration: 8}}
    elections: {every_months: 48, first_month: 26, flip_probability: 0.5,
                resolve_after_flip: {beta: {mean: 0.35, concentration: 10}}, transparency: 0.5}
  european_allies: {role: guarantor, capability: 0.9, resolve: 0.5, credibility: {uniform: [0.3, 0.7]}}
guarantee:
  preset: bilateral_pact
  collective: false
  terms:
    united_states: {defend: 0.6, audience_cost: 0.5}
    european_allies: {sanctions: 0.04}
output:
  record_paths: 200
)";

void check_constant(const Quantity& q, double value) {
  REQUIRE(q.is_constant());
  CHECK(q.value == value);
}

void check_beta(const Quantity& q, double mean, double concentration) {
  REQUIRE(q.kind == DistributionKind::beta);
  REQUIRE(q.args.size() == 2);
  check_constant(q.args[0], mean);
  check_constant(q.args[1], concentration);
}

}  // namespace

TEST_CASE("the interface example loads with every value where it belongs") {
  test::TestPresets presets;
  const Scenario s = load(pact);
  CHECK(s.source == "test.yaml");
  CHECK(s.format == 1);
  CHECK(s.name == "bilateral_pact");
  CHECK(s.description == "US–Ukraine defense pact; European allies not bound");
  CHECK(s.horizon_months == 120);
  CHECK(s.trials == 10000);
  CHECK(s.seed == 20261126u);
  REQUIRE(s.rationality.is_constant());
  CHECK(std::isinf(s.rationality.value));
  check_constant(s.honor_noise, 0.0);
  check_constant(s.severity.probe, 0.3);
  check_constant(s.severity.war, 0.7);
  check_constant(s.severity.aid, 0.2);  // default
  CHECK(s.record_paths == 200);

  REQUIRE(s.actors.size() == 4);
  CHECK(s.actors[0].id == "russia");
  CHECK(s.actors[1].id == "ukraine");
  CHECK(s.actors[2].id == "united_states");
  CHECK(s.actors[3].id == "european_allies");

  const Actor& russia = s.challenger();
  CHECK(russia.id == "russia");
  CHECK(russia.role == Role::challenger);
  check_constant(russia.capability, 1.0);
  check_beta(russia.resolve, 0.6, 20);
  check_constant(russia.stake, 1.0);
  check_constant(russia.war_cost, 2.0);
  CHECK(russia.nuclear);
  CHECK(russia.can_probe);

  const Actor& ukraine = s.target();
  CHECK(ukraine.id == "ukraine");
  check_constant(ukraine.capability, 0.4);
  check_constant(ukraine.territory, 1.0);

  const auto guarantors = s.guarantors();
  REQUIRE(guarantors.size() == 2);
  const Actor& us = *guarantors[0];
  const Actor& eu = *guarantors[1];
  CHECK(us.id == "united_states");
  CHECK(us.lead);
  CHECK_FALSE(eu.lead);
  check_constant(us.capability, 2.5);
  check_beta(us.resolve, 0.55, 10);
  // credibility: {beta: {mean: {uniform: [0.3, 0.7]}, concentration: 8}}
  REQUIRE(us.credibility.kind == DistributionKind::beta);
  REQUIRE(us.credibility.args.size() == 2);
  const Quantity& mean = us.credibility.args[0];
  REQUIRE(mean.kind == DistributionKind::uniform);
  REQUIRE(mean.args.size() == 2);
  check_constant(mean.args[0], 0.3);
  check_constant(mean.args[1], 0.7);
  check_constant(us.credibility.args[1], 8);
  CHECK(us.credibility.is_random());

  REQUIRE(us.elections);
  CHECK(us.elections->every_months == 48);
  CHECK(us.elections->first_month == 26);
  check_constant(us.elections->flip_probability, 0.5);
  check_beta(us.elections->resolve_after_flip, 0.35, 10);
  check_constant(us.elections->transparency, 0.5);
  CHECK_FALSE(eu.elections);

  REQUIRE(eu.credibility.kind == DistributionKind::uniform);
  check_constant(eu.resolve, 0.5);

  // Terms: the preset's lead terms for the US, its others terms for the allies, then the
  // scenario's own terms field by field.
  check_constant(us.terms[Term::defend], 0.6);           // scenario
  check_constant(us.terms[Term::audience_cost], 0.5);    // scenario
  check_constant(us.terms[Term::aid_per_month], 0.005);  // preset lead
  check_constant(us.terms[Term::sanctions], 0.01);       // preset lead
  check_constant(eu.terms[Term::defend], 0.0);           // preset others
  check_constant(eu.terms[Term::aid_per_month], 0.002);  // preset others
  check_constant(eu.terms[Term::sanctions], 0.04);       // scenario

  CHECK(s.guarantee.preset == "bilateral_pact");
  CHECK_FALSE(s.guarantee.collective);                // scenario (preset says false too)
  check_constant(s.guarantee.cohesion_shift, -0.05);  // from the preset
}

TEST_CASE("absent keys take the defaults written beside the fields") {
  const Scenario s = load(test::minimal_scenario());
  const Scenario defaults;
  test::check_same(s, [&] {
    Scenario expected;
    Actor russia;
    russia.id = "russia";
    russia.role = Role::challenger;
    Actor ukraine;
    ukraine.id = "ukraine";
    ukraine.role = Role::target;
    expected.actors = {russia, ukraine};
    return expected;
  }());
  CHECK(s.horizon_months == defaults.horizon_months);
  CHECK(s.trials == defaults.trials);
  CHECK(s.seed == defaults.seed);
  CHECK(std::isinf(s.rationality.value));
  CHECK(s.guarantee.preset.empty());
  CHECK(s.guarantors().empty());
}

TEST_CASE("a guarantor with no preset and no terms has no commitment, and the first one leads") {
  const Scenario s = load(test::minimal_scenario() +
                          "  a: {role: guarantor}\n"
                          "  b: {role: guarantor}\n");
  const auto g = s.guarantors();
  REQUIRE(g.size() == 2);
  CHECK(g[0]->lead);
  CHECK_FALSE(g[1]->lead);
  for (const Actor* actor : g) {
    for (const TermInfo& term : kTerms) check_constant(actor->terms[term.term], 0);
    CHECK_FALSE(actor->elections);
  }
}

TEST_CASE("an explicit lead is kept even when it is not the first guarantor") {
  const Scenario s = load(test::minimal_scenario() +
                          "  a: {role: guarantor}\n"
                          "  b: {role: guarantor, lead: true}\n");
  CHECK_FALSE(s.guarantors()[0]->lead);
  CHECK(s.guarantors()[1]->lead);
}

TEST_CASE(
    "an empty elections map gives the default elections, and trials and seed their full range") {
  const Scenario s = load(test::minimal_scenario() +
                          "  us: {role: guarantor, elections: {}}\n"
                          "trials: 1e3\n"
                          "seed: 18446744073709551615\n");
  REQUIRE(s.guarantors()[0]->elections);
  CHECK(s.guarantors()[0]->elections->every_months == 48);
  CHECK(s.trials == 1000);
  CHECK(s.seed == std::numeric_limits<std::uint64_t>::max());
}

TEST_CASE("every key of the severity, dynamics and terms tables reaches its own field") {
  // A distinct value per key, taken from the tables themselves, so a key read into the wrong
  // field shows here and a new key is tested without a new line.
  std::string yaml = test::minimal_scenario() + "  us: {role: guarantor}\nseverity:\n";
  const auto text = [](std::size_t i, double scale) { return std::to_string((i + 1) * scale); };
  const auto& severity = detail::severity_fields();
  for (std::size_t i = 0; i < severity.size(); ++i) {
    yaml += "  " + severity[i].key + ": " + text(i, 0.1) + "\n";
  }
  yaml += "dynamics:\n";
  const auto& integers = detail::dynamics_integer_fields();
  // Inside each key's range (a switch has only 0 and 1): min + 1 + i, wrapped.
  const auto integer = [&](std::size_t i) {
    const auto& f = integers[i];
    return f.min + static_cast<std::int64_t>(1 + i) % (f.max - f.min + 1);
  };
  for (std::size_t i = 0; i < integers.size(); ++i) {
    yaml += "  " + integers[i].key + ": " + std::to_string(integer(i)) + "\n";
  }
  const auto& quantities = detail::dynamics_quantity_fields();
  for (std::size_t i = 0; i < quantities.size(); ++i) {
    yaml += "  " + quantities[i].key + ": " + text(i, 0.01) + "\n";
  }
  yaml += "guarantee:\n  terms:\n    us:\n";
  for (std::size_t i = 0; i < kTermCount; ++i) {
    yaml += "      " + std::string(kTerms[i].key) + ": " + text(i, 0.1) + "\n";
  }
  const Scenario s = load(yaml);
  for (std::size_t i = 0; i < severity.size(); ++i) {
    INFO("severity." << severity[i].key);
    check_constant(s.severity.*severity[i].member, std::stod(text(i, 0.1)));
  }
  for (std::size_t i = 0; i < integers.size(); ++i) {
    INFO("dynamics." << integers[i].key);
    CHECK(s.dynamics.*integers[i].member == integer(i));
  }
  for (std::size_t i = 0; i < quantities.size(); ++i) {
    INFO("dynamics." << quantities[i].key);
    check_constant(s.dynamics.*quantities[i].member, std::stod(text(i, 0.01)));
  }
  for (std::size_t i = 0; i < kTermCount; ++i) {
    INFO("guarantee.terms.us." << kTerms[i].key);
    check_constant(s.guarantors()[0]->terms[kTerms[i].term], std::stod(text(i, 0.1)));
  }
}

TEST_CASE("the role accessors throw logic_error when the role is absent") {
  Scenario empty;
  CHECK_THROWS_AS(empty.challenger(), std::logic_error);
  CHECK_THROWS_AS(empty.target(), std::logic_error);
  CHECK(empty.guarantors().empty());
}

TEST_CASE("load_scenario reads a file and names it as given") {
  test::TempDir dir;
  const auto file = dir.write("pact.yaml", test::minimal_scenario());
  const Scenario s = load_scenario(file);
  CHECK(s.source == file.string());
  CHECK(s.challenger().id == "russia");
}
