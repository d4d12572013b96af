// The Scenario accessors for the actors by role.
#include "detsim/scenario/scenario.hpp"

#include <stdexcept>

namespace detsim {

namespace {

const Actor& only(const std::vector<Actor>& actors, Role role, const char* what) {
  for (const auto& actor : actors) {
    if (actor.role == role) return actor;
  }
  // A validated scenario always has one; reaching here is a programming error, not bad input.
  throw std::logic_error(std::string("scenario has no ") + what);
}

}  // namespace

const Actor& Scenario::challenger() const { return only(actors, Role::challenger, "challenger"); }

const Actor& Scenario::target() const { return only(actors, Role::target, "target"); }

std::vector<const Actor*> Scenario::guarantors() const {
  std::vector<const Actor*> out;
  for (const auto& actor : actors) {
    if (actor.role == Role::guarantor) out.push_back(&actor);
  }
  return out;
}

const Actor* Scenario::lead_guarantor() const {
  for (const auto& actor : actors) {
    if (actor.role == Role::guarantor && actor.lead) return &actor;
  }
  return nullptr;
}

}  // namespace detsim
