#include "core/state_json.hpp"

#include "core/mutate.hpp"
#include "core/queries.hpp"
#include "core/text.hpp"

namespace subspace {
namespace {

// --- writing ---

Json account_json(Id a) {
  if (a == kOutsideAccount) return "outside";
  if (a == kConsumedAccount) return "consumed";
  return a;
}

Json person_ref(const State& s, PersonIx p) {
  if (p == kNoPerson) return nullptr;
  return std::string(s.email_of(p));
}

Json workspace_json(const State& s, const Workspace& ws) {
  Json j = {{"id", ws.id},
            {"name", ws.name},
            {"is_parent", ws.is_parent},
            {"created_at", ws.created_at},
            {"deleted_at", ws.deleted_at ? Json(*ws.deleted_at) : Json(nullptr)},
            {"billing_by_parent", ws.billing_by_parent},
            {"api_access", ws.api_access},
            {"seat_cap", ws.seat_cap ? Json(*ws.seat_cap) : Json(nullptr)},
            {"alert_percent", ws.alert_percent},
            {"balance", ws.balance},
            {"allocated_unspent", ws.allocated_unspent},
            {"consumed_total", ws.consumed_total},
            {"slots", ws.slots},
            {"slots_allocated", ws.slots_allocated}};
  j["image"] = ws.image.blob.empty() ? Json(nullptr)
                                     : Json{{"blob", ws.image.blob}, {"width", ws.image.width}, {"height", ws.image.height}};
  Json members = Json::array();
  for (const auto& m : ws.members) {
    Json mj = {{"email", s.people[m.person].email},
               {"role", role_code(m.role)},
               {"status", member_status_code(m.status)},
               {"since", m.since},
               {"invited_by", person_ref(s, m.invited_by)}};
    if (m.status == MemberStatus::Invited) mj["expires_at"] = m.expires_at;
    members.push_back(std::move(mj));
  }
  j["members"] = std::move(members);
  return j;
}

// A projection's own part: whom it is for, and the seats of what it leaves out (people by
// email, in the order of `people`, so equal states write equal text).
Json projection_json(const State& s) {
  Json holds = Json::array();
  for (PersonIx p = 0; p < s.people.size(); ++p)
    if (auto it = s.elsewhere.holds.find(p); it != s.elsewhere.holds.end())
      holds.push_back({s.people[p].email, it->second.active, it->second.invite_until});
  return {{"for", s.projected_for},
          {"people_active_elsewhere", s.elsewhere.people_active},
          {"invite_expiries_elsewhere", s.elsewhere.invite_only_expiries},
          {"holds_elsewhere", std::move(holds)}};
}

}  // namespace

Json state_to_json(const State& s) {
  Json j;
  j["format"] = kStateFormat;
  j["version"] = State::kFormatVersion;
  j["last_seq"] = s.last_seq;
  if (!s.has_org) {
    j["org"] = nullptr;
    return j;
  }
  j["org"] = {{"name", s.org_name},
              {"parent", s.parent},
              {"plan",
               {{"seat_limit", s.plan.seat_limit},
                {"avatar_slots", s.plan.avatar_slots},
                {"video_cost_per_minute", s.plan.video_cost_per_minute}}}};

  Json people = Json::array();
  for (const auto& p : s.people) people.push_back({{"email", p.email}, {"name", p.name}});
  j["people"] = std::move(people);

  Json workspaces = Json::array();
  for (const auto& ws : s.workspaces) workspaces.push_back(workspace_json(s, ws));
  j["workspaces"] = std::move(workspaces);

  Json assets = Json::array();
  for (const auto& a : s.assets)
    assets.push_back({{"id", a.id},
                      {"kind", asset_kind_code(a.kind)},
                      {"name", a.name},
                      {"owner", a.owner},
                      {"creator", person_ref(s, a.creator)},
                      {"created_at", a.created_at},
                      {"shared_with", a.shared_with}});
  j["assets"] = std::move(assets);

  Json videos = Json::array();
  for (const auto& v : s.videos)
    videos.push_back({{"id", v.id},
                      {"workspace", v.workspace},
                      {"title", v.title},
                      {"avatar", {v.avatar, v.avatar_name}},
                      {"voice", {v.voice, v.voice_name}},
                      {"template", {v.template_id, v.template_name}},
                      {"duration_seconds", v.duration_seconds},
                      {"cost", v.cost},
                      {"creator", person_ref(s, v.creator)},
                      {"created_at", v.created_at}});
  j["videos"] = std::move(videos);

  Json keys = Json::array();
  for (const auto& k : s.keys)
    keys.push_back({{"id", k.id},
                    {"workspace", k.workspace},
                    {"label", k.label},
                    {"key_hash", key_hash_hex(k.hash)},
                    {"last4", k.last4},
                    {"created_by", person_ref(s, k.created_by)},
                    {"created_at", k.created_at},
                    {"last_used", k.last_used},
                    {"status", key_status_code(k.status)},
                    {"ended_at", k.ended_at},
                    {"replaced_by", k.replaced_by}});
  j["keys"] = std::move(keys);

  Json entries = Json::array();
  for (const auto& e : s.ledger)
    entries.push_back({e.time, e.command, movement_code(e.kind), account_json(e.from), account_json(e.to), e.amount,
                       person_ref(s, e.actor)});
  Json slot_entries = Json::array();
  for (const auto& e : s.slot_ledger)
    slot_entries.push_back({e.time, e.command, movement_code(e.kind), account_json(e.from), account_json(e.to), e.count,
                            person_ref(s, e.actor)});
  j["ledger"] = {{"outside", s.outside_balance},
                 {"consumed", s.consumed_balance},
                 {"entries", std::move(entries)},
                 {"slots_purchased", s.slots_purchased_total},
                 {"slot_entries", std::move(slot_entries)}};

  Json events = Json::array();
  for (const auto& u : s.usage) events.push_back({u.time, u.key, u.workspace, u.endpoint, u.credits});
  j["usage"] = {{"endpoints", s.endpoints}, {"events", std::move(events)}};

  Json audit = Json::array();
  for (const auto& a : s.audit) {
    if (a.usage != kNoUsage && a.actor == kSystemActor) audit.push_back(a.usage);  // its usage event says it all
    else audit.push_back({a.time, person_ref(s, a.actor), a.workspace, command_name(a.type), error_code(a.result), audit_detail(s, a)});
  }
  j["audit"] = std::move(audit);
  if (!s.projected_for.empty()) j["projection"] = projection_json(s);
  return j;
}

std::string state_to_text(const State& s) { return state_to_json(s).dump(); }

namespace {

// --- reading: every access is checked and a failure names its path ---

struct LoadError {
  std::string what;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) { throw LoadError{path + ": " + what}; }

const Json& field(const Json& o, const char* key, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  auto it = o.find(key);
  if (it == o.end()) fail(path + "." + key, "missing");
  return *it;
}

template <class T> T num(const Json& j, const std::string& path) {
  if (!j.is_number_integer()) fail(path, "expected a whole number");
  if constexpr (std::is_unsigned_v<T>) {
    if (j.is_number_integer() && !j.is_number_unsigned() && j.get<long long>() < 0) fail(path, "expected a non-negative number");
  }
  return j.get<T>();
}
template <class T> T num(const Json& o, const char* key, const std::string& path) { return num<T>(field(o, key, path), path + "." + key); }

std::string str(const Json& j, const std::string& path) {
  if (!j.is_string()) fail(path, "expected a string");
  return j.get<std::string>();
}
std::string str(const Json& o, const char* key, const std::string& path) { return str(field(o, key, path), path + "." + key); }

bool boolean(const Json& o, const char* key, const std::string& path) {
  const Json& j = field(o, key, path);
  if (!j.is_boolean()) fail(path + "." + key, "expected true or false");
  return j.get<bool>();
}

const Json& array(const Json& j, const std::string& path, size_t arity = 0) {
  if (!j.is_array()) fail(path, "expected a list");
  if (arity && j.size() != arity) fail(path, "expected " + std::to_string(arity) + " items");
  return j;
}

template <class E> E enum_of(std::optional<E> v, const Json& j, const std::string& path) {
  if (!v) fail(path, "unknown value " + j.dump());
  return *v;
}

Id account(const Json& j, const std::string& path) {
  if (j.is_string()) {
    if (j == "outside") return kOutsideAccount;
    if (j == "consumed") return kConsumedAccount;
    fail(path, "unknown account");
  }
  return num<Id>(j, path);
}

struct Loader {
  State& s;

  PersonIx person(const Json& j, const std::string& path) {
    if (j.is_null()) return kNoPerson;
    std::string email = str(j, path);
    if (email == kSystemEmail) return kSystemActor;
    auto p = s.person(email);
    if (!p) fail(path, "unknown person " + email);
    return *p;
  }

  void people(const Json& j) {
    const Json& a = array(j, "people");
    for (size_t i = 0; i < a.size(); ++i) {
      std::string path = "people[" + std::to_string(i) + "]";
      auto email = normalize_email(str(a[i], "email", path));
      if (!email) fail(path + ".email", "invalid email");
      if (s.person_by_email.count(*email)) fail(path + ".email", "duplicate person " + *email);
      s.person_by_email[*email] = static_cast<PersonIx>(s.people.size());
      s.people.push_back({*email, str(a[i], "name", path)});
    }
  }

  void workspace(const Json& o, const std::string& path) {
    Workspace ws;
    ws.id = num<Id>(o, "id", path);
    ws.name = str(o, "name", path);
    ws.is_parent = boolean(o, "is_parent", path);
    ws.created_at = num<TimeMs>(o, "created_at", path);
    if (const Json& d = field(o, "deleted_at", path); !d.is_null()) ws.deleted_at = num<TimeMs>(d, path + ".deleted_at");
    ws.billing_by_parent = boolean(o, "billing_by_parent", path);
    ws.api_access = boolean(o, "api_access", path);
    if (const Json& c = field(o, "seat_cap", path); !c.is_null()) ws.seat_cap = num<std::int32_t>(c, path + ".seat_cap");
    ws.alert_percent = num<std::int32_t>(o, "alert_percent", path);
    ws.balance = num<Cents>(o, "balance", path);
    ws.allocated_unspent = num<Cents>(o, "allocated_unspent", path);
    ws.consumed_total = num<Cents>(o, "consumed_total", path);
    ws.slots = num<std::int32_t>(o, "slots", path);
    ws.slots_allocated = num<std::int32_t>(o, "slots_allocated", path);
    if (const Json& img = field(o, "image", path); !img.is_null())
      ws.image = {str(img, "blob", path + ".image"), num<std::int32_t>(img, "width", path + ".image"),
                  num<std::int32_t>(img, "height", path + ".image")};
    const Json& members = array(field(o, "members", path), path + ".members");
    for (size_t i = 0; i < members.size(); ++i) {
      std::string mp = path + ".members[" + std::to_string(i) + "]";
      const Json& m = members[i];
      Membership mem;
      mem.person = person(field(m, "email", mp), mp + ".email");
      if (mem.person == kSystemActor || mem.person == kNoPerson) fail(mp, "a member must be a person");
      mem.role = enum_of(parse_role(str(m, "role", mp)), m["role"], mp + ".role");
      mem.status = enum_of(parse_member_status(str(m, "status", mp)), m["status"], mp + ".status");
      mem.since = num<TimeMs>(m, "since", mp);
      mem.invited_by = person(field(m, "invited_by", mp), mp + ".invited_by");
      if (mem.status == MemberStatus::Invited) mem.expires_at = num<TimeMs>(m, "expires_at", mp);
      for (const auto& other : ws.members)
        if (other.person == mem.person) fail(mp, "person listed twice");
      ws.members.push_back(mem);
    }
    if (s.workspace_index.count(ws.id)) fail(path + ".id", "duplicate workspace id");
    s.workspace_index[ws.id] = static_cast<std::uint32_t>(s.workspaces.size());
    s.workspaces.push_back(std::move(ws));
  }

  void assets(const Json& j) {
    const Json& a = array(j, "assets");
    for (size_t i = 0; i < a.size(); ++i) {
      std::string path = "assets[" + std::to_string(i) + "]";
      Asset as;
      as.id = num<Id>(a[i], "id", path);
      as.kind = enum_of(parse_asset_kind(str(a[i], "kind", path)), a[i]["kind"], path + ".kind");
      as.name = str(a[i], "name", path);
      as.owner = num<Id>(a[i], "owner", path);
      as.creator = person(field(a[i], "creator", path), path + ".creator");
      as.created_at = num<TimeMs>(a[i], "created_at", path);
      const Json& sw = array(field(a[i], "shared_with", path), path + ".shared_with");
      for (size_t k = 0; k < sw.size(); ++k) {
        Id t = num<Id>(sw[k], path + ".shared_with[" + std::to_string(k) + "]");
        if (!s.workspace_index.count(t)) fail(path + ".shared_with", "unknown workspace " + std::to_string(t));
        as.shared_with.push_back(t);
      }
      if (!s.workspace_index.count(as.owner)) fail(path + ".owner", "unknown workspace");
      s.assets.push_back(std::move(as));
    }
  }

  void videos(const Json& j) {
    const Json& a = array(j, "videos");
    for (size_t i = 0; i < a.size(); ++i) {
      std::string path = "videos[" + std::to_string(i) + "]";
      const Json& o = a[i];
      Video v;
      v.id = num<Id>(o, "id", path);
      v.workspace = num<Id>(o, "workspace", path);
      if (!s.workspace_index.count(v.workspace)) fail(path + ".workspace", "unknown workspace");
      v.title = str(o, "title", path);
      auto ref = [&](const char* key, AssetId& id, std::string& name) {
        const Json& r = array(field(o, key, path), path + "." + key, 2);
        id = num<Id>(r[0], path + "." + key);
        name = str(r[1], path + "." + key);
      };
      ref("avatar", v.avatar, v.avatar_name);
      ref("voice", v.voice, v.voice_name);
      ref("template", v.template_id, v.template_name);
      v.duration_seconds = num<std::int32_t>(o, "duration_seconds", path);
      v.cost = num<Cents>(o, "cost", path);
      v.creator = person(field(o, "creator", path), path + ".creator");
      v.created_at = num<TimeMs>(o, "created_at", path);
      s.videos.push_back(std::move(v));
    }
  }

  void keys(const Json& j) {
    const Json& a = array(j, "keys");
    for (size_t i = 0; i < a.size(); ++i) {
      std::string path = "keys[" + std::to_string(i) + "]";
      const Json& o = a[i];
      ApiKey k;
      k.id = num<Id>(o, "id", path);
      k.workspace = num<Id>(o, "workspace", path);
      if (!s.workspace_index.count(k.workspace)) fail(path + ".workspace", "unknown workspace");
      k.label = str(o, "label", path);
      if (!parse_key_hash(str(o, "key_hash", path), k.hash)) fail(path + ".key_hash", "expected 64 hex digits");
      k.last4 = str(o, "last4", path);
      k.created_by = person(field(o, "created_by", path), path + ".created_by");
      k.created_at = num<TimeMs>(o, "created_at", path);
      k.last_used = num<TimeMs>(o, "last_used", path);
      k.status = enum_of(parse_key_status(str(o, "status", path)), o["status"], path + ".status");
      k.ended_at = num<TimeMs>(o, "ended_at", path);
      k.replaced_by = num<Id>(o, "replaced_by", path);
      s.keys.push_back(std::move(k));
    }
  }

  void ledger(const Json& o) {
    s.outside_balance = num<Cents>(o, "outside", "ledger");
    s.consumed_balance = num<Cents>(o, "consumed", "ledger");
    s.slots_purchased_total = num<std::int64_t>(o, "slots_purchased", "ledger");
    const Json& entries = array(field(o, "entries", "ledger"), "ledger.entries");
    s.ledger.reserve(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
      std::string path = "ledger.entries[" + std::to_string(i) + "]";
      const Json& e = array(entries[i], path, 7);
      s.ledger.push_back({num<TimeMs>(e[0], path), num<Id>(e[1], path), enum_of(parse_movement(str(e[2], path)), e[2], path),
                          account(e[3], path), account(e[4], path), num<Cents>(e[5], path), person(e[6], path)});
    }
    const Json& slots = array(field(o, "slot_entries", "ledger"), "ledger.slot_entries");
    for (size_t i = 0; i < slots.size(); ++i) {
      std::string path = "ledger.slot_entries[" + std::to_string(i) + "]";
      const Json& e = array(slots[i], path, 7);
      s.slot_ledger.push_back({num<TimeMs>(e[0], path), num<Id>(e[1], path),
                               enum_of(parse_movement(str(e[2], path)), e[2], path), account(e[3], path),
                               account(e[4], path), num<std::int32_t>(e[5], path), person(e[6], path)});
    }
  }

  void usage(const Json& o) {
    const Json& eps = array(field(o, "endpoints", "usage"), "usage.endpoints");
    for (size_t i = 0; i < eps.size(); ++i) s.endpoints.push_back(str(eps[i], "usage.endpoints"));
    const Json& events = array(field(o, "events", "usage"), "usage.events");
    s.usage.reserve(events.size());
    for (size_t i = 0; i < events.size(); ++i) {
      const Json& e = events[i];
      if (!e.is_array() || e.size() != 5) fail("usage.events[" + std::to_string(i) + "]", "expected 5 items");
      UsageEvent u{num<TimeMs>(e[0], "usage.events"), num<Id>(e[1], "usage.events"), num<Id>(e[2], "usage.events"),
                   num<std::uint32_t>(e[3], "usage.events"), num<Cents>(e[4], "usage.events")};
      if (u.endpoint >= s.endpoints.size()) fail("usage.events[" + std::to_string(i) + "]", "unknown endpoint");
      s.usage.push_back(u);
    }
  }

  void audit(const Json& j) {
    const Json& a = array(j, "audit");
    s.audit.reserve(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      const Json& e = a[i];
      std::string path = "audit[" + std::to_string(i) + "]";
      if (e.is_number()) {  // an API call, told by its usage event
        auto u = num<std::uint32_t>(e, path);
        if (u >= s.usage.size()) fail(path, "unknown usage event");
        const UsageEvent& ev = s.usage[u];
        s.audit.push_back({ev.time, kSystemActor, ev.workspace, CommandType::RecordApiUsage, Err::none, {}, u});
        continue;
      }
      if (!e.is_array() || e.size() != 6) fail(path, "expected 6 items or a usage event's number");
      AuditEntry en;
      en.time = num<TimeMs>(e[0], path);
      en.actor = person(e[1], path);
      en.workspace = num<Id>(e[2], path);
      en.type = enum_of(parse_command_name(str(e[3], path)), e[3], path);
      if (!parse_error_code(str(e[4], path), en.result)) fail(path, "unknown result");
      en.detail = str(e[5], path);
      s.audit.push_back(std::move(en));
    }
  }

  void projection(const Json& o) {
    s.projected_for = str(o, "for", "projection");
    if (!s.person(s.projected_for)) fail("projection.for", "unknown person " + s.projected_for);
    s.elsewhere.people_active = num<std::int32_t>(o, "people_active_elsewhere", "projection");
    const Json& expiries = array(field(o, "invite_expiries_elsewhere", "projection"), "projection.invite_expiries_elsewhere");
    for (const Json& t : expiries) s.elsewhere.invite_only_expiries.insert(num<TimeMs>(t, "projection.invite_expiries_elsewhere"));
    const Json& holds = array(field(o, "holds_elsewhere", "projection"), "projection.holds_elsewhere");
    for (size_t i = 0; i < holds.size(); ++i) {
      std::string path = "projection.holds_elsewhere[" + std::to_string(i) + "]";
      const Json& h = array(holds[i], path, 3);
      PersonIx p = person(h[0], path);
      if (p == kNoPerson || p == kSystemActor) fail(path, "a hold belongs to a person");
      s.elsewhere.holds[p] = {num<std::int32_t>(h[1], path), num<TimeMs>(h[2], path)};
    }
  }
};

// Ids name one entity each across workspaces, assets, keys and videos (they come from the
// commands that created them).
void check_unique_ids(const State& s) {
  std::unordered_map<Id, int> seen;
  auto add = [&](Id id, const char* what) {
    if (++seen[id] > 1) fail(what, "id " + std::to_string(id) + " is used twice");
  };
  for (const auto& w : s.workspaces) add(w.id, "workspaces");
  for (const auto& a : s.assets) add(a.id, "assets");
  for (const auto& k : s.keys) add(k.id, "keys");
  for (const auto& v : s.videos) add(v.id, "videos");
}

}  // namespace

Error state_from_json(const Json& j, State& out) {
  State s;
  try {
    if (str(j, "format", "state") != kStateFormat) fail("state.format", "not a Subspace state");
    int version = num<int>(j, "version", "state");
    if (version > State::kFormatVersion || version < 1)
      return Error(Err::unsupported_version, "The data is format version " + std::to_string(version) + "; this app reads version " +
                                                 std::to_string(State::kFormatVersion) + ".");
    s.last_seq = num<std::uint64_t>(j, "last_seq", "state");
    const Json& org = field(j, "org", "state");
    if (!org.is_null()) {
      s.has_org = true;
      s.org_name = str(org, "name", "org");
      s.parent = num<Id>(org, "parent", "org");
      const Json& plan = field(org, "plan", "org");
      s.plan = {num<std::int32_t>(plan, "seat_limit", "org.plan"), num<std::int32_t>(plan, "avatar_slots", "org.plan"),
                num<Cents>(plan, "video_cost_per_minute", "org.plan")};
      Loader l{s};
      l.people(field(j, "people", "state"));
      const Json& ws = array(field(j, "workspaces", "state"), "workspaces");
      for (size_t i = 0; i < ws.size(); ++i) l.workspace(ws[i], "workspaces[" + std::to_string(i) + "]");
      if (s.workspaces.empty() || s.workspaces.front().id != s.parent || !s.workspaces.front().is_parent)
        fail("workspaces[0]", "the parent workspace must come first");
      l.assets(field(j, "assets", "state"));
      l.videos(field(j, "videos", "state"));
      l.keys(field(j, "keys", "state"));
      l.ledger(field(j, "ledger", "state"));
      l.usage(field(j, "usage", "state"));
      l.audit(field(j, "audit", "state"));
      if (j.contains("projection")) l.projection(j["projection"]);
      mut::rebuild_indices(s);
      if (ledger_sum(s) != 0) fail("ledger", "the balances do not sum to zero");
      // No account but "outside" below zero (DESIGN.md), here as after every command.
      for (const Workspace& w : s.workspaces)
        if (w.balance < 0) fail("workspaces", "'" + w.name + "' has a negative balance");
      if (s.consumed_balance < 0) fail("ledger.consumed", "a negative balance");
      check_unique_ids(s);
    }
  } catch (const LoadError& e) {
    return Error(Err::storage_corrupt, "The state is damaged at " + e.what + ".");
  } catch (const Json::exception& e) {
    return Error(Err::storage_corrupt, std::string("The state is damaged: ") + e.what() + ".");
  }
  out = std::move(s);
  return {};
}

Error state_from_text(std::string_view text, State& out) {
  Json j = parse_json(text);
  if (j.is_discarded()) return Error(Err::invalid_json, "The state is not valid JSON.");
  return state_from_json(j, out);
}

}  // namespace subspace
