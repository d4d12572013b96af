// Helpers for the scenario tests: temporary preset directories, error capture, deep equality.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "detsim/error.hpp"
#include "detsim/scenario/load.hpp"
#include "detsim/scenario/scenario.hpp"

#include "../../sim/scenario/fields.hpp"

#include "support/temp_dir.hpp"

namespace detsim::test {

using testing::TempDir;

// Points DETSIM_PRESET_DIR at a directory for the lifetime of the object.
class PresetDirectory {
 public:
  explicit PresetDirectory(const std::filesystem::path& dir) {
    if (const char* old = std::getenv("DETSIM_PRESET_DIR")) previous_ = old;
    ::setenv("DETSIM_PRESET_DIR", dir.c_str(), 1);
  }
  ~PresetDirectory() {
    if (previous_) {
      ::setenv("DETSIM_PRESET_DIR", previous_->c_str(), 1);
    } else {
      ::unsetenv("DETSIM_PRESET_DIR");
    }
  }
  PresetDirectory(const PresetDirectory&) = delete;
  PresetDirectory& operator=(const PresetDirectory&) = delete;

 private:
  std::optional<std::string> previous_;
};

// Test presets: the lead and the others get distinct terms so tests can tell them apart.
inline const char* bilateral_pact_preset() {
  return R"(detsim_preset: 1
name: bilateral_pact
description: the lead alone is bound
written_for: us
collective: false
cohesion_shift: -0.05
lead: {defend: 0.8, audience_cost: 0.4, aid_per_month: 0.005, sanctions: 0.01}
others: {defend: 0.0, audience_cost: 0.0, aid_per_month: 0.002, sanctions: 0.03}
)";
}

inline const char* nato_article5_preset() {
  return R"(detsim_preset: 1
name: nato_article5
collective: true
cohesion_shift: 0.02
lead: {defend: 1.0, audience_cost: 0.9}
others: {defend: 0.7, audience_cost: 0.6}
)";
}

inline const char* none_preset() { return "detsim_preset: 1\nname: none\n"; }

// A directory holding the three test presets, set as DETSIM_PRESET_DIR.
struct TestPresets {
  TempDir dir;
  std::optional<PresetDirectory> env;
  TestPresets() {
    dir.write("bilateral_pact.yaml", bilateral_pact_preset());
    dir.write("nato_article5.yaml", nato_article5_preset());
    dir.write("none.yaml", none_preset());
    env.emplace(dir.path());
  }
};

// The message of the InputError that loading throws; fails the test if nothing is thrown.
inline std::string load_error(const std::string& yaml, const LoadOptions& options = {},
                              const std::string& source = "test.yaml") {
  try {
    load_scenario_text(yaml, source, options);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for:\n" << yaml);
  return "";
}

inline Scenario load(const std::string& yaml, const LoadOptions& options = {}) {
  return load_scenario_text(yaml, "test.yaml", options);
}

// The smallest valid scenario; tests append to it or override it.
inline std::string minimal_scenario() {
  return "detsim: 1\n"
         "actors:\n"
         "  russia: {role: challenger}\n"
         "  ukraine: {role: target}\n";
}

inline bool same(const Quantity& a, const Quantity& b) {
  if (a.kind != b.kind || a.args.size() != b.args.size()) return false;
  if (a.is_constant() && !(a.value == b.value)) return false;
  for (std::size_t i = 0; i < a.args.size(); ++i) {
    if (!same(a.args[i], b.args[i])) return false;
  }
  return true;
}

inline void check_same_terms(const GuaranteeTerms& a, const GuaranteeTerms& b) {
  for (const TermInfo& term : kTerms) {
    INFO("term " << term.key);
    CHECK(same(a[term.term], b[term.term]));
  }
}

// Every field except `source`; the fields with a table are compared through their table, so a
// field added to a table is compared without a new line here.
inline void check_same(const Scenario& a, const Scenario& b) {
  CHECK(a.format == b.format);
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  CHECK(a.horizon_months == b.horizon_months);
  CHECK(a.trials == b.trials);
  CHECK(a.seed == b.seed);
  CHECK(same(a.rationality, b.rationality));
  CHECK(same(a.honor_noise, b.honor_noise));
  for (const auto& f : detail::severity_fields()) {
    INFO("severity." << f.key);
    CHECK(same(a.severity.*f.member, b.severity.*f.member));
  }
  for (const auto& f : detail::dynamics_integer_fields()) {
    INFO("dynamics." << f.key);
    CHECK(a.dynamics.*f.member == b.dynamics.*f.member);
  }
  for (const auto& f : detail::dynamics_quantity_fields()) {
    INFO("dynamics." << f.key);
    CHECK(same(a.dynamics.*f.member, b.dynamics.*f.member));
  }
  REQUIRE(a.actors.size() == b.actors.size());
  for (std::size_t i = 0; i < a.actors.size(); ++i) {
    const Actor& p = a.actors[i];
    const Actor& q = b.actors[i];
    INFO("actor " << p.id);
    CHECK(p.id == q.id);
    CHECK(p.role == q.role);
    for (const auto& f : detail::actor_quantity_fields()) {
      INFO(f.key);
      CHECK(same(p.*f.member, q.*f.member));
    }
    for (const auto& f : detail::actor_bool_fields()) {
      INFO(f.key);
      CHECK(p.*f.member == q.*f.member);
    }
    REQUIRE(p.elections.has_value() == q.elections.has_value());
    if (p.elections) {
      for (const auto& f : detail::elections_integer_fields()) {
        INFO("elections." << f.key);
        CHECK((*p.elections).*f.member == (*q.elections).*f.member);
      }
      for (const auto& f : detail::elections_quantity_fields()) {
        INFO("elections." << f.key);
        CHECK(same((*p.elections).*f.member, (*q.elections).*f.member));
      }
    }
    check_same_terms(p.terms, q.terms);
  }
  CHECK(a.guarantee.preset == b.guarantee.preset);
  CHECK(a.guarantee.collective == b.guarantee.collective);
  CHECK(same(a.guarantee.cohesion_shift, b.guarantee.cohesion_shift));
  CHECK(a.record_paths == b.record_paths);
  REQUIRE(a.precision.has_value() == b.precision.has_value());
  if (a.precision) {
    CHECK(a.precision->measures == b.precision->measures);
    CHECK(a.precision->half_widths == b.precision->half_widths);
    CHECK(a.precision->step == b.precision->step);
  }
}

}  // namespace detsim::test
