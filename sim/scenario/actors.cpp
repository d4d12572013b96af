// The actors section: ids, roles and each role's keys, and the cast rules (one challenger, one
// target, at most one lead guarantor; who leads when none is named is the guarantee's business).
#include "did_you_mean.hpp"
#include "fields.hpp"
#include "sections.hpp"
#include "yaml_fields.hpp"

namespace detsim::detail {

namespace {

const char* const role_choices = "one of challenger, target, guarantor";

// Ids become result column names (tested.<id>, cost.<id>), so they stay plain.
bool valid_id(const std::string& id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::optional<Role> read_role(Diagnostics& d, const YAML::Node& actor, const std::string& path) {
  const YAML::Node node = child(actor, "role");
  if (!node) {
    missing_key(d, actor, path, "role", role_choices);
    return std::nullopt;
  }
  const std::string role_path = join_path(path, "role");
  if (node.IsScalar()) {
    if (auto role = role_from_name(node.Scalar())) return role;
    if (auto match = closest_match(node.Scalar(), role_names())) {
      bad_value(d, node, role_path,
                std::string("must be ") + role_choices + "; did you mean '" + *match + "'?");
      return std::nullopt;
    }
  }
  bad_value(d, node, role_path, std::string("must be ") + role_choices);
  return std::nullopt;
}

std::optional<Elections> read_elections(Diagnostics& d, const YAML::Node& node,
                                        const std::string& path) {
  // An empty `elections:` means none, like leaving the key out.
  if (node.IsNull()) return std::nullopt;
  std::vector<std::string> keys = keys_of(elections_integer_fields());
  for (const auto& k : keys_of(elections_quantity_fields())) keys.push_back(k);
  if (!check_map(d, node, path, keys)) return std::nullopt;
  Elections e;
  for (const auto& f : elections_integer_fields()) {
    read_field(d, node, path, f.key, e.*f.member, f.min, f.max);
  }
  for (const auto& f : elections_quantity_fields()) {
    read_field(d, node, path, f.key, e.*f.member, f.range);
  }
  return e;
}

// Reads one actor's keys for its role (all keys when the role is unknown, to report their values).
void read_actor_fields(Diagnostics& d, const YAML::Node& node, const std::string& path,
                       std::optional<Role> role, Actor& actor) {
  auto wanted = [&](const std::optional<Role>& owner) { return !owner || !role || owner == role; };
  for (const auto& f : actor_quantity_fields()) {
    if (wanted(f.role)) read_field(d, node, path, f.key, actor.*f.member, f.range);
  }
  for (const auto& f : actor_bool_fields()) {
    if (wanted(f.role)) read_field(d, node, path, f.key, actor.*f.member);
  }
  if (wanted(Role::guarantor)) {
    if (auto e = child(node, "elections")) {
      actor.elections = read_elections(d, e, join_path(path, "elections"));
    }
  }
}

struct ReadActor {
  Actor actor;
  YAML::Node node;
};

// Exactly one actor in `role`; extra ones are reported at their role key.
void require_one(Diagnostics& d, const YAML::Node& actors_node, const std::vector<ReadActor>& read,
                 Role role) {
  const ReadActor* first = nullptr;
  for (const auto& r : read) {
    if (r.actor.role != role) continue;
    if (!first) {
      first = &r;
      continue;
    }
    const std::string path = "actors." + r.actor.id + ".role";
    bad_value(d, child(r.node, "role"), path,
              std::string("there must be exactly one ") + role_name(role) + ", and '" +
                  first->actor.id + "' is already the " + role_name(role));
  }
  if (!first) {
    d.error(actors_node, "actors",
            std::string("actors: no actor has role: ") + role_name(role) + "; exactly one must");
  }
}

}  // namespace

void read_actors(Diagnostics& d, const YAML::Node& root, std::vector<Actor>& actors) {
  const YAML::Node node = child(root, "actors");
  if (!node) {
    missing_key(d, root, "", "actors",
                "a map of actor id to actor, with one challenger and one target");
    return;
  }
  if (!node.IsMap() || node.size() == 0) {
    bad_value(d, node, "actors",
              "must be a map of actor id to actor, with one challenger and one target");
    return;
  }
  std::vector<ReadActor> read;
  bool roles_known = true;
  for (const auto& pair : node) {
    if (!pair.first.IsScalar()) {
      d.error(pair.first, "actors",
              "actors: an actor id must be a name, not " + render(pair.first));
      roles_known = false;
      continue;
    }
    const std::string id = pair.first.Scalar();
    const std::string path = "actors." + id;
    if (!valid_id(id)) {
      d.error(pair.first, path,
              path +
                  ": an actor id must be a lowercase letter followed by lowercase letters, "
                  "digits or '_' (ids name result columns)");
    }
    bool duplicate = false;
    for (const auto& r : read) duplicate = duplicate || r.actor.id == id;
    if (duplicate) {
      d.error(pair.first, path, path + ": duplicate actor id (each actor is listed once)");
      continue;
    }
    const YAML::Node& value = pair.second;
    if (!value.IsMap()) {
      bad_value(d, value, path,
                "must be a map with role, capability, resolve and the role's own keys");
      roles_known = false;
      // Kept (the scenario is rejected anyway) so that guarantee.terms.<id> is not reported
      // as naming no actor.
      Actor placeholder;
      placeholder.id = id;
      read.push_back({placeholder, value});
      continue;
    }
    const std::optional<Role> role = read_role(d, value, path);
    roles_known = roles_known && role.has_value();
    check_map(d, value, path, actor_keys(role),
              [&](const std::string& key) -> std::optional<std::string> {
                const auto owner = actor_key_role(key);
                if (!owner || !role) return std::nullopt;
                return std::string("'") + key + "' is a key of a " + role_name(*owner) + ", and " +
                       id + " is a " + role_name(*role);
              });
    Actor actor;
    actor.id = id;
    actor.role = role.value_or(Role::guarantor);
    read_actor_fields(d, value, path, role, actor);
    read.push_back({actor, value});
  }
  // Counting roles when one is unreadable would only repeat that error in other words.
  if (roles_known) {
    require_one(d, node, read, Role::challenger);
    require_one(d, node, read, Role::target);
    const ReadActor* lead = nullptr;
    for (auto& r : read) {
      if (r.actor.role != Role::guarantor || !r.actor.lead) continue;
      if (!lead) {
        lead = &r;
        continue;
      }
      const std::string path = "actors." + r.actor.id + ".lead";
      bad_value(d, child(r.node, "lead"), path,
                "at most one guarantor may lead, and '" + lead->actor.id + "' already does");
    }
    // The challenger weighs every set of committed guarantors (2^n of them) each month.
    std::size_t guarantors = 0;
    for (auto& r : read) {
      if (r.actor.role == Role::guarantor && ++guarantors == kMaxGuarantors + 1) {
        bad_value(d, child(r.node, "role"), "actors." + r.actor.id + ".role",
                  "at most " + std::to_string(kMaxGuarantors) +
                      " guarantors: the challenger weighs every set of them each month");
      }
    }
  }
  for (auto& r : read) actors.push_back(std::move(r.actor));
}

}  // namespace detsim::detail
