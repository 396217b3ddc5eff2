#include "core/demo.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include "core/crypto.hpp"
#include "core/queries.hpp"

namespace subspace {
namespace {

constexpr std::array<const char*, 48> kFirst = {
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis", "Radia", "Linus",
    "Katherine", "John", "Hedy", "Tim", "Sophie", "Yukihiro", "Annie", "Bjarne", "Evelyn", "Guido", "Jean", "Niklaus",
    "Karen", "Leslie", "Mary", "Rasmus", "Shafi", "Tony", "Ivan", "Lynn", "Amara", "Kofi", "Mei", "Hiro",
    "Priya", "Mateo", "Ingrid", "Olu", "Zara", "Tomas", "Noor", "Emeka", "Freya", "Luca", "Aiko", "Rafael"};
constexpr std::array<const char*, 48> kLast = {
    "Quill", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie", "Perlman",
    "Torvalds", "Johnson", "McCarthy", "Lamarr", "Berners", "Wilson", "Matsumoto", "Easley", "Stroustrup", "Boyd",
    "Rossum", "Sammet", "Wirth", "Jones", "Lamport", "Keller", "Lerdorf", "Goldwasser", "Hoare", "Sutherland",
    "Conway", "Okafor", "Mensah", "Chen", "Tanaka", "Raman", "Garcia", "Lund", "Adeyemi", "Haddad", "Novak",
    "Karimi", "Obi", "Nilsen", "Bianchi", "Sato", "Costa"};
constexpr std::array<const char*, 24> kTeams = {
    "Marketing", "Sales", "Support", "Training", "Product", "Design", "Engineering", "People Ops", "Finance", "Legal",
    "Partnerships", "Events", "Brand", "Growth", "Education", "Research", "Localization", "Social", "Comms", "Onboarding",
    "Success", "Studio", "Content", "Video Lab"};
constexpr std::array<const char*, 16> kRegions = {"EMEA", "APAC", "Americas", "Nordics", "DACH", "UK", "France", "Iberia",
                                                  "Japan", "India", "Brazil", "Canada", "ANZ", "Benelux", "Africa", "Gulf"};
constexpr std::array<const char*, 20> kClients = {"Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure Works",
                                                  "Litware", "Proseware", "Lucerne", "Woodgrove", "Coho", "Alpine Ski",
                                                  "Blue Yonder", "Margie's Travel", "Trey Research", "Humongous",
                                                  "Fourth Coffee", "Graphic Design Inst.", "Relecloud", "VanArsdel"};
constexpr std::array<const char*, 8> kEndpoints = {"/v2/video/generate", "/v2/video/status", "/v1/avatar/list",
                                                   "/v1/voice/list",     "/v2/template/render", "/v1/asset/upload",
                                                   "/v2/translate",      "/v1/streaming/session"};
constexpr std::array<const char*, 4> kAvatarNames = {"Presenter", "Coach", "Narrator", "Host"};
constexpr std::array<const char*, 4> kVoiceNames = {"Warm", "Crisp", "Calm", "Bright"};
constexpr std::array<const char*, 4> kTemplateNames = {"Explainer", "Welcome", "Product tour", "Weekly update"};
constexpr std::array<const char*, 4> kBrandNames = {"Brand kit", "Style guide", "Logo pack", "Colour set"};

constexpr DemoSize kSizes[] = {
    {"empty", 0, 1, 0, 0},
    {"small", 4, 24, 400, 3},
    {"medium", 50, 5000, 50000, 3},
    {"large", 1000, 100000, 1000000, 2},
};

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
};

struct Builder {
  State s;
  Rng rng;
  TimeMs t;
  Id next_id = 1;
  std::uint64_t commands = 0, refused = 0;

  ExecResult run(const std::string& actor, Payload p) {
    Command c{{next_id++, actor, t}, std::move(p)};
    ExecResult r = execute(s, c, s.last_seq + 1);
    ++commands;
    if (!r.accepted()) ++refused;
    t += 1000 + rng.below(60000);
    return r;
  }
};

std::string person_email(int i, std::string& name_out, Rng& rng) {
  const char* first = kFirst[rng.below(kFirst.size())];
  const char* last = kLast[rng.below(kLast.size())];
  name_out = std::string(first) + " " + last;
  std::string email = std::string(first) + "." + last + (i >= 40 ? std::to_string(i) : "") + "@lumen.example";
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return email;
}

std::string sub_name(int i, Rng& rng, std::unordered_set<std::string>& used) {
  for (int attempt = 0;; ++attempt) {
    std::string n;
    switch (rng.below(3)) {
      case 0: n = std::string(kTeams[rng.below(kTeams.size())]) + " " + kRegions[rng.below(kRegions.size())]; break;
      case 1: n = std::string("Client: ") + kClients[rng.below(kClients.size())]; break;
      default: n = std::string(kTeams[rng.below(kTeams.size())]); break;
    }
    if (attempt > 3) n += " " + std::to_string(i + 1);
    std::string key = n;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (used.insert(key).second) return n;
  }
}

}  // namespace

std::optional<DemoSize> demo_size(std::string_view name) {
  for (const auto& s : kSizes)
    if (name == s.name) return s;
  return std::nullopt;
}

DemoResult make_demo(const DemoSize& size, std::uint64_t seed, TimeMs now) {
  Builder b{State{}, Rng{seed}, now - 90 * kDayMs};
  const std::string admin = "ada.quill@lumen.example";
  const std::string sys(kSystemEmail);
  int seat_limit = std::max(10, size.people + size.people / 5 + 5);
  b.run(sys, CreateOrg{"Lumen Studios", admin, "Ada Quill",
                       PlanFields{seat_limit, std::max(5, (size.subs + 1) * 3), 100}, Cents{0}});
  // Enough for the initial allocations, the videos and every API call of the history.
  b.run(admin, PurchaseCredits{b.s.parent, Cents{100} * (20000 + 1000 * size.subs) + Cents{30} * size.usage_events});
  WorkspaceId parent = b.s.parent;

  // People: the first tenth (at least a few) in the parent, the rest spread over the subs.
  std::vector<std::string> emails{admin};
  std::vector<std::string> names{"Ada Quill"};
  std::unordered_set<std::string> taken{admin};
  for (int i = 1; i < size.people; ++i) {
    std::string name, email = person_email(i, name, b.rng);
    if (!taken.insert(email).second) {
      email = email.substr(0, email.find('@')) + "." + std::to_string(i) + "@lumen.example";
      taken.insert(email);
    }
    emails.push_back(email);
    names.push_back(name);
  }

  // Sub-workspaces.
  std::unordered_set<std::string> used{"lumen studios"};
  std::vector<WorkspaceId> subs;
  bool self_managed = false;
  for (int i = 0; i < size.subs; ++i) {
    CreateWorkspace cw;
    cw.name = sub_name(i, b.rng, used);
    cw.billing_by_parent = !b.rng.chance(25);
    // The demo shows both billing modes: if chance left every sub to the parent, the last
    // one manages its own (decided here, so the random sequence and the rest stay the same).
    if (i == size.subs - 1 && !self_managed) cw.billing_by_parent = false;
    self_managed |= !cw.billing_by_parent;
    // The first sub always has API access: even the small demo shows a sub's own keys,
    // usage and consumption (the draw stays, so the rest of the demo is as before).
    cw.api_access = b.rng.chance(40) || i == 0;
    cw.initial_credits = Cents{100} * (200 + b.rng.below(800));
    // Some subs have a seat cap, always above the people the demo puts there.
    int planned = (size.people - std::max(std::min(size.people, 6), size.people / 10)) / std::max(1, size.subs);
    if (b.rng.chance(15)) cw.seat_cap = planned + 5 + b.rng.below(60);
    auto r = b.run(admin, cw);
    if (r.accepted()) subs.push_back(r.event->command.env.id);
  }
  for (WorkspaceId ws : subs) {
    if (b.rng.chance(20)) b.run(admin, SetAlertThreshold{ws, 60 + 5 * b.rng.below(8)});
    b.run(admin, AllocateAvatarSlots{ws, 1 + b.rng.below(2)});
  }

  // Invitations, in batches per workspace; most are accepted a little later.
  int parent_people = std::max(std::min(size.people, 6), size.people / 10);
  auto invite_range = [&](WorkspaceId ws, int from, int to, bool first_is_admin) {
    InviteMembers inv{ws, {}};
    for (int i = from; i < to; ++i) {
      Role role = (first_is_admin && i == from) ? Role::SuperAdmin
                  : b.rng.chance(10)            ? Role::Developer
                  : b.rng.chance(60)            ? Role::Creator
                                                : Role::Viewer;
      inv.invites.push_back({emails[i], names[i], role});
    }
    if (inv.invites.empty()) return;
    b.run(admin, inv);
    for (int i = from; i < to; ++i)
      if (b.rng.chance(85)) b.run(emails[i], AcceptInvitation{ws});
  };
  invite_range(parent, 1, parent_people, true);
  int rest = size.people - parent_people;
  for (size_t k = 0; k < subs.size(); ++k) {
    int from = parent_people + static_cast<int>(rest * k / subs.size());
    int to = parent_people + static_cast<int>(rest * (k + 1) / subs.size());
    invite_range(subs[k], from, to, b.rng.chance(70));
  }
  // A few people in two workspaces (one seat each), and a few invitations left to expire.
  for (int i = 0; i < std::min<int>(subs.size(), 20); ++i) {
    int p = 1 + b.rng.below(std::max(1, parent_people - 1));
    b.run(admin, InviteMembers{subs[b.rng.below(subs.size())], {{emails[p], names[p], Role::Viewer}}});
  }

  // Assets in each workspace; some shared from the parent to subs.
  std::vector<WorkspaceId> all{parent};
  all.insert(all.end(), subs.begin(), subs.end());
  std::vector<AssetId> parent_assets;
  for (WorkspaceId ws : all) {
    for (int k = 0; k < size.assets_per_workspace; ++k) {
      AssetKind kind = static_cast<AssetKind>(k % kAssetKindCount);
      const char* base = kind == AssetKind::Avatar ? kAvatarNames[b.rng.below(4)]
                         : kind == AssetKind::Voice ? kVoiceNames[b.rng.below(4)]
                         : kind == AssetKind::Template ? kTemplateNames[b.rng.below(4)]
                                                       : kBrandNames[b.rng.below(4)];
      auto r = b.run(admin, CreateAsset{ws, kind, std::string(base) + " " + std::to_string(k + 1)});
      if (r.accepted() && ws == parent) parent_assets.push_back(r.event->command.env.id);
    }
  }
  for (AssetKind kind : {AssetKind::Voice, AssetKind::Template}) {
    auto r = b.run(admin, CreateAsset{parent, kind, kind == AssetKind::Voice ? "House voice" : "House template"});
    if (r.accepted()) parent_assets.push_back(r.event->command.env.id);
  }
  for (AssetId a : parent_assets) {
    std::vector<WorkspaceId> targets;
    for (WorkspaceId ws : subs)
      if (b.rng.chance(30)) targets.push_back(ws);
    if (!targets.empty()) b.run(admin, ShareAsset{a, targets});
  }

  // API keys for the parent and the subs that may view API settings; a deterministic demo
  // secret (these keys are for show: they are not written down anywhere).
  std::vector<KeyFingerprint> keys;
  for (WorkspaceId ws : all) {
    const Workspace* w = b.s.workspace(ws);
    if (!w || !(w->is_parent || w->api_access)) continue;
    std::array<std::uint8_t, kKeyBytes> bytes;
    for (auto& x : bytes) x = static_cast<std::uint8_t>(b.rng.next());
    KeyFingerprint f = fingerprint(format_api_key(bytes));
    if (b.run(admin, CreateApiKey{ws, w->is_parent ? "Production" : "Integration", f.hash, f.last4}).accepted()) keys.push_back(f);
  }

  // Usage from where the history got to (at most 60 days ago) up to now, spread evenly, so the
  // audit log reads in time order. Each key's workspace gets about what its calls will cost
  // (some a little less: they end up past their alert threshold). Two fresh invitations, two
  // days ago, leave some waiting to be accepted.
  if (size.usage_events > 0 && !keys.empty()) {
    Cents per_key = Cents{21} * size.usage_events / static_cast<Cents>(keys.size());
    for (const auto& f : keys) {
      const ApiKey* k = find_key(b.s, f.hash, f.last4);
      if (k && k->workspace != parent) b.run(admin, AllocateCredits{k->workspace, per_key * (90 + b.rng.below(40)) / 100});
    }
  }
  TimeMs start = std::max(b.t, now - 60 * kDayMs);
  TimeMs fresh_at = now - 2 * kDayMs;
  bool fresh_done = subs.empty();
  auto invite_fresh = [&] {
    b.t = std::max(b.t, fresh_at);
    b.run(admin, InviteMembers{subs[0], {{"new.hire@lumen.example", "New Hire", Role::Creator},
                                         {"contractor@partner.example", "Sam Contractor", Role::Viewer}}});
    fresh_done = true;
  };
  if (!keys.empty()) {
    TimeMs step = std::max<TimeMs>(1, (now - start) / std::max(1, size.usage_events));
    for (int i = 0; i < size.usage_events; ++i) {
      b.t = start + step * i;
      if (!fresh_done && b.t >= fresh_at) invite_fresh();
      const KeyFingerprint& k = keys[b.rng.below(keys.size())];
      Cents credits = 1 + b.rng.below(40);
      Command c{{b.next_id++, sys, b.t}, RecordApiUsage{k.hash, k.last4, kEndpoints[b.rng.below(kEndpoints.size())], credits}};
      ExecResult r = execute(b.s, c, b.s.last_seq + 1);
      ++b.commands;
      if (!r.accepted()) ++b.refused;
    }
  }
  if (!fresh_done) invite_fresh();
  b.t = now;
  return {std::move(b.s), admin, b.commands, b.refused};
}

}  // namespace subspace
