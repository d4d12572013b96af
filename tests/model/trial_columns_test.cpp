// The output lists: every column documented, each named once in a layout, and every value a
// trial writes equal to what its reader takes from the state (so no column's type truncates).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "detsim/model/trial_columns.hpp"
#include "support/canonical_game.hpp"
#include "support/single_trial.hpp"

using namespace detsim;
using namespace detsim::testing;

namespace {

// The text of docs/RESULTS.md between two headings.
std::string results_doc_section(const std::string& from, const std::string& to) {
  std::ifstream in(std::string(DETSIM_SOURCE_DIR) + "/docs/RESULTS.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::size_t begin = doc.find(from);
  REQUIRE(begin != std::string::npos);
  const std::size_t end = doc.find(to, begin);
  REQUIRE(end != std::string::npos);
  return doc.substr(begin, end - begin);
}

// How RESULTS.md names an entry: `cost.<id>` for the per-actor ones.
std::string documented_name(const OutputColumn& c) {
  std::string name = "`";
  name += c.name;
  if (c.owner != ColumnOwner::trial) name += "<id>";
  return name + "`";
}

Scenario two_guarantors() {
  CanonicalGame game;
  game.credibility = beta(0.5, 8);
  game.guarantor_resolve = beta(0.55, 10);
  Scenario s = canonical_scenario(game, 1, 1);
  s.horizon_months = 24;
  Actor ally = s.actors[2];
  ally.id = "ally";
  ally.lead = false;
  ally.terms[Term::sanctions] = Quantity::constant(0.02);
  s.actors.push_back(ally);
  return s;
}

}  // namespace

TEST_CASE("every /trials column and /paths variable is documented in docs/RESULTS.md") {
  const std::string trials = results_doc_section("## `/trials`", "## `/summary`");
  for (const OutputColumn& c : trial_column_list()) {
    INFO(documented_name(c));
    CHECK(trials.find(documented_name(c)) != std::string::npos);
  }
  const std::string paths = results_doc_section("## `/paths`", "## Reading it");
  for (const OutputColumn& c : path_variable_list()) {
    INFO(documented_name(c));
    CHECK(paths.find(documented_name(c)) != std::string::npos);
  }
}

TEST_CASE("a layout names every column once and stores exactly the value its reader gives") {
  SingleTrial t(two_guarantors());
  const TrialParameters& p = t.model.parameters();
  std::size_t per_guarantor = 0;
  for (const OutputColumn& c : trial_column_list())
    per_guarantor += c.owner == ColumnOwner::guarantor;
  const OutputLayout layout = trial_layout(p, p.plan.recorded());
  REQUIRE(layout.columns.size() == layout.readers.size());
  std::set<std::string> names;
  for (const ColumnInfo& c : layout.columns) CHECK(names.insert(c.name).second);
  CHECK(names.count("tested.ally") == 1);
  CHECK(names.count("cost.challenger") == 1);
  CHECK(names.count("param.actors.guarantor.resolve") == 1);
  CHECK(layout.columns.size() ==
        trial_column_list().size() - per_guarantor + 2 * per_guarantor + p.plan.recorded().size());
  for (int trial = 0; trial < 20; ++trial) {
    t.run(trial);
    for (std::size_t c = 0; c < layout.columns.size(); ++c) {
      INFO("trial " << trial << ", column " << layout.columns[c].name);
      const double read = layout.readers[c](t.state);
      const double stored = t.out.number(t.out.index_of(layout.columns[c].name), 0);
      CHECK((stored == read || (std::isnan(stored) && std::isnan(read))));
    }
  }
}
