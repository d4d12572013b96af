// Every field of the table-driven structs has a YAML key: a field added to Dynamics (say) without
// a line in sim/scenario/fields.cpp leaves a hole in the layout that this test finds; the
// guarantee terms' rows are checked for what an indexed table can still get wrong.
#include <algorithm>

#include "../../sim/scenario/fields.hpp"
#include "scenario_test_support.hpp"

using namespace detsim;
using namespace detsim::detail;

namespace {

struct Span {
  std::size_t begin;
  std::size_t end;
  std::size_t align;
  std::string key;
};

template <class T, class Member>
Span span_of(const T& object, Member T::*member, const std::string& key) {
  const auto* base = reinterpret_cast<const char*>(&object);
  const auto* field = reinterpret_cast<const char*>(&(object.*member));
  const auto begin = static_cast<std::size_t>(field - base);
  return {begin, begin + sizeof(Member), alignof(Member), key};
}

// The fields tile the struct, with gaps no larger than alignment padding.
template <class T>
void check_tiles(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  REQUIRE_FALSE(spans.empty());
  CHECK(spans.front().begin == 0);
  for (std::size_t i = 1; i < spans.size(); ++i) {
    INFO("between " << spans[i - 1].key << " and " << spans[i].key);
    CHECK(spans[i].begin >= spans[i - 1].end);
    CHECK(spans[i].begin - spans[i - 1].end < spans[i].align);
  }
  INFO("after " << spans.back().key);
  CHECK(sizeof(T) - spans.back().end < alignof(T));
}

template <class T>
std::vector<Span> spans(const std::vector<QuantityField<T>>& quantities,
                        const std::vector<IntegerField<T>>& integers = {}) {
  static const T object{};
  std::vector<Span> out;
  for (const auto& f : quantities) out.push_back(span_of(object, f.member, f.key));
  for (const auto& f : integers) out.push_back(span_of(object, f.member, f.key));
  return out;
}

}  // namespace

TEST_CASE("every field of Dynamics, Severity and Elections has a YAML key") {
  SECTION("dynamics") {
    check_tiles<Dynamics>(spans(dynamics_quantity_fields(), dynamics_integer_fields()));
  }
  SECTION("severity") { check_tiles<Severity>(spans(severity_fields())); }
  SECTION("elections") {
    check_tiles<Elections>(spans(elections_quantity_fields(), elections_integer_fields()));
  }
}

TEST_CASE("every guarantee term has its own key, a range that admits 0, and a description") {
  // GuaranteeTerms is indexed by Term, so a term cannot lack its row (kTerms' static_assert
  // keeps the rows in enum order); what a row can still get wrong is checked here.
  std::vector<std::string> keys;
  for (const TermInfo& term : kTerms) {
    INFO("term " << term.key);
    CHECK_FALSE(term.key.empty());
    CHECK(std::find(keys.begin(), keys.end(), term.key) == keys.end());
    keys.emplace_back(term.key);
    CHECK(term.min <= 0.0);  // absent means 0: no promise
    CHECK(term.max > 0.0);
    CHECK_FALSE(term.description.empty());
    CHECK_FALSE(term.unit.empty());
    CHECK(&term_info(term.term) == &term);
  }
}

TEST_CASE("the layout check would notice a missing key") {
  auto quantities = dynamics_quantity_fields();
  quantities.erase(quantities.begin() + 3);
  auto integers = dynamics_integer_fields();
  std::vector<Span> s = spans(quantities, integers);
  std::sort(s.begin(), s.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  bool hole = false;
  for (std::size_t i = 1; i < s.size(); ++i) hole = hole || s[i].begin - s[i - 1].end >= s[i].align;
  CHECK(hole);
}
