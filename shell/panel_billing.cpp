// Usage & billing of a workspace: balances, purchases where billing is self-managed (and
// for the org by org admins), the ledger with filters (allocation history included), API
// usage per day, and for org admins a per-sub consumption chart with threshold alerts.
#include <imgui.h>

#include <algorithm>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/chart.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

constexpr const char* kKinds[] = {"Purchase", "Allocate", "Reclaim", "Consume", "Return on delete"};

std::string account_name(const State& s, Id a) {
  if (a == kOutsideAccount) return "Outside (purchase)";
  if (a == kConsumedAccount) return "Consumed";
  const Workspace* ws = s.workspace(a);
  return ws ? ws->name : "(deleted workspace)";
}

void draw_balances(App& app, const Workspace& ws) {
  const State& s = app.state();
  std::string balance = "Balance: " + format_credits(ws.balance) + " credits";
  ImGui::TextUnformatted(balance.c_str());
  track_text("billing:balance", balance);
  if (!ws.is_parent) {
    ImGui::SameLine(0, 20);
    text_muted("allocated and unspent %s  -  consumed %s (%d%% of its credits used, alert at %d%%)",
               format_credits(ws.allocated_unspent).c_str(), format_credits(ws.consumed_total).c_str(), consumed_percent(ws),
               ws.alert_percent);
    draw_credit_alert(ws, "billing:alert");
    text_muted(ws.billing_by_parent ? "Billing: the parent workspace manages billing." : "Billing: self-managed.");
  } else {
    Cents purchased = -s.outside_balance;
    ImGui::SameLine(0, 20);
    text_muted("bought across the organisation %s (subs' own purchases included)  -  consumed %s", format_credits(purchased).c_str(),
               format_credits(s.consumed_balance).c_str());
  }
  ImGui::Text("Avatar slots: %d (%d free)", ws.slots, free_avatar_slots(s, ws));
  text_muted("The balance is a hard cap: a video or API call that would take it below zero is refused.");
}

constexpr const char* kConfirmPurchase = "Confirm purchase##billing";

void ask_purchase(BillingState& st, Payload p, std::string question, std::string done) {
  st.confirm = std::move(p);
  st.confirm_text = std::move(question) + " It is recorded as a purchase (no payment provider is involved) and cannot be undone.";
  st.confirm_done = std::move(done);
  ImGui::OpenPopup(kConfirmPurchase);
}

void draw_purchase_confirm(App& app, BillingState& st) {
  if (!st.confirm || !confirm_modal(kConfirmPurchase, st.confirm_text, "Buy", /*destructive=*/false)) return;
  bool credits = std::holds_alternative<PurchaseCredits>(*st.confirm);
  if (app.dispatch(std::move(*st.confirm)).accepted()) {
    app.toast(st.confirm_done);
    if (credits) st.purchase.clear();
    else st.purchase_slots.clear();
  }
  st.confirm.reset();
}

void draw_purchase(App& app, const Workspace& ws, BillingState& st, PersonIx me) {
  const State& s = app.state();
  bool allowed = can(s, me, ws, Perm::Purchase);
  const char* why = !ws.is_parent && ws.billing_by_parent ? "The parent workspace manages this sub-workspace's billing."
                                                          : "Only Super Admins can purchase.";
  // Hints that read as hints: a bare "100.00" looks typed in while the button stays off.
  const char* credits_hint = "credits, e.g. 100";
  ImGui::SetNextItemWidth(fit_hint(credits_hint, 120));
  input_hint("##buy-credits", credits_hint, st.purchase);
  ImGui::SameLine();
  auto amount = parse_credits(st.purchase.view());
  std::string bad_amount = credits_problem(st.purchase.view());
  if (action_button("Buy credits##billing", allowed && amount.has_value(), allowed ? bad_amount.c_str() : why)) {
    ask_purchase(st, PurchaseCredits{ws.id, *amount}, "Buy " + format_credits(*amount) + " credits for " + ws.name + "?",
                 "Bought " + format_credits(*amount) + " credits (recorded purchase).");
  }
  ImGui::SameLine(0, 20);
  const char* slots_hint = "slots, e.g. 1";
  ImGui::SetNextItemWidth(fit_hint(slots_hint, 70));
  input_hint("##buy-slots", slots_hint, st.purchase_slots);
  ImGui::SameLine();
  auto n = parse_whole(st.purchase_slots.view());
  bool n_ok = n && *n > 0;
  if (action_button("Buy avatar slots##billing", allowed && n_ok, allowed ? "Enter a number of slots." : why)) {
    std::string slots = std::to_string(*n) + (*n == 1 ? " avatar slot" : " avatar slots");
    ask_purchase(st, PurchaseAvatarSlots{ws.id, *n}, "Buy " + slots + " for " + ws.name + "?", "Bought " + slots + " (recorded purchase).");
  }
  draw_purchase_confirm(app, st);
  // A typed amount that is not one is said under the fields, not only on the button.
  if (allowed && !st.purchase.empty() && !amount) {
    text_error("%s", bad_amount.c_str());
    track_text("billing:amount-error", bad_amount);
  }
  if (allowed && !st.purchase_slots.empty() && !n_ok) {
    std::string bad = "'" + trim(st.purchase_slots.view()) + "' is not a number of slots: use a whole number above 0, e.g. 2.";
    text_error("%s", bad.c_str());
    track_text("billing:slots-error", bad);
  }
  if (!allowed) {
    text_muted("%s", why);
    track_text("billing:why-not", why);
  }
  else text_muted("Credit purchases are recorded in the ledger, slot purchases and allocations in the audit log; no payment "
                  "provider is involved.");
}

// Credits and slots move between the parent and a sub in the sub's gear dialog (org admins
// only): say so where people look for them, and open it from here.
void draw_allocation(App& app, const Workspace& ws) {
  heading("Allocation");
  if (ws.is_parent) {
    text_muted("Org admins give credits and avatar slots to a sub-workspace, and take back what it has not used, "
               "from the sub's gear (\xE2\x9A\x99) on the Sub-workspaces list, or from the sub's own Usage & billing page.");
    if (button("Open the Sub-workspaces list##billing")) app.go(Route{View::SubWorkspaces, 0});
    return;
  }
  text_muted("Credits and avatar slots come from the parent's pool and unused ones go back to it.");
  if (button("Allocate or reclaim credits and slots...##billing")) open_gear(app, ws.id);
}

void draw_consumption(App& app) {
  const State& s = app.state();
  // The parent's own use is a bar too: without it the bars need not add up to the headline.
  std::vector<const Workspace*> all;
  for (const auto& ws : s.workspaces)
    if (ws.live()) all.push_back(&ws);
  std::sort(all.begin(), all.end(), [](auto* a, auto* b) { return a->consumed_total > b->consumed_total; });
  std::vector<Bar> bars;
  for (size_t i = 0; i < all.size() && i < 12; ++i) {
    const Workspace& w = *all[i];
    std::string name = w.is_parent ? w.name + " (parent)" : w.name;
    std::string tip = name + "\n" + format_credits(w.consumed_total) + " credits consumed";
    if (!w.is_parent) tip += "\n" + std::to_string(consumed_percent(w)) + "% of its credits used";
    bars.push_back({name, w.consumed_total / 100.0, tip});
  }
  heading("Consumption by workspace");
  text_muted("Bars: the credits each workspace has consumed, videos and API calls (the 12 highest).");
  hbar_chart("consumption-chart", bars, -1, "");
  std::vector<const Workspace*> alerts;
  for (auto* ws : all)
    if (!ws->is_parent && over_alert_threshold(*ws)) alerts.push_back(ws);
  if (!alerts.empty()) {
    text_warning("\xE2\x9A\xA0 %zu %s", alerts.size(),
                 alerts.size() == 1 ? "sub-workspace is past its alert threshold:" : "sub-workspaces are past their alert threshold:");
    for (size_t i = 0; i < alerts.size() && i < 8; ++i) {
      text_muted("%s: %d%% consumed (alert at %d%%), %s left", alerts[i]->name.c_str(), consumed_percent(*alerts[i]),
                 alerts[i]->alert_percent, format_credits(alerts[i]->balance).c_str());
      track("billing:alert:" + alerts[i]->name);
    }
    track("billing:alerts");
  }
}

void draw_ledger(App& app, const Workspace& ws, BillingState& st, bool whole_org) {
  const State& s = app.state();
  heading("Ledger");
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo("Kind##ledger", st.kind < 0 ? "All movements" : kKinds[st.kind])) {
    if (ImGui::Selectable("All movements", st.kind < 0)) st.kind = -1;
    for (int k = 0; k < 5; ++k) {
      if (ImGui::Selectable(kKinds[k], st.kind == k)) st.kind = k;
      track(std::string("ledger-kind:") + kKinds[k]);
    }
    ImGui::EndCombo();
  }
  track("ledger:kind");
  // API calls consume credits too, but each is a usage event rather than a ledger line (a
  // million calls would bury every other movement): say where they are.
  text_muted("Allocate and Reclaim give the allocation history. Videos are consumption here; API calls are "
             "consumption listed per day below.");
  std::string key = std::to_string(ws.id) + "|" + std::to_string(st.kind) + (whole_org ? "o" : "w");
  if (st.cached_version != s.version || st.cached_key != key) {
    st.cached_version = s.version;
    st.cached_key = key;
    st.rows.clear();
    for (std::uint32_t i = 0; i < s.ledger.size(); ++i) {
      const LedgerEntry& e = s.ledger[i];
      if (st.kind >= 0 && static_cast<int>(e.kind) != st.kind) continue;
      if (!whole_org && e.from != ws.id && e.to != ws.id) continue;
      st.rows.push_back(i);
    }
  }
  if (st.rows.empty()) {
    text_muted(st.kind < 0 ? "No movements." : "No movements of this kind.");
    return;
  }
  if (ImGui::BeginTable("ledger", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                         ImGuiTableFlags_SizingStretchProp,
                        ImVec2(0, std::min(260.0f, (st.rows.size() + 1.5f) * (ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y))))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* c : {"When (UTC)", "Movement", "From", "To"}) ImGui::TableSetupColumn(c);
    // The amount against its right edge, in a column no wider than it needs: under its heading.
    ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("10,000,000,000.00").x + ImGui::GetStyle().CellPadding.x * 2);
    ImGui::TableSetupColumn("By");
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(st.rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const LedgerEntry& e = s.ledger[st.rows[st.rows.size() - 1 - i]];  // newest first
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_datetime(e.time).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(kKinds[static_cast<int>(e.kind)]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(account_name(s, e.from).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(account_name(s, e.to).c_str());
        ImGui::TableNextColumn();
        text_right(format_credits(e.amount));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::string(s.email_of(e.actor)).c_str());
      }
    }
    ImGui::EndTable();
  }
  track("ledger:table");
}

void draw_api_days(App& app, const Workspace& ws) {
  heading("API usage per day (UTC)");
  // Each workspace's keys are its own: the parent's chart is not the organisation's.
  text_muted("Calls made with %s's own API keys%s.", ws.name.c_str(),
             ws.is_parent ? "; each sub-workspace's calls are on its own Usage & billing page" : "");
  draw_usage_chart("billing-usage-chart", usage_days(ws.usage_by_day, utc_day(app.now()), 30), 160);
}

}  // namespace

void draw_credit_alert(const Workspace& ws, std::string_view key) {
  if (ws.is_parent || !over_alert_threshold(ws)) return;
  text_warning("\xE2\x9A\xA0 This sub-workspace has used %d%% of its credits: %s consumed, %s left (alert at %d%%).",
               consumed_percent(ws), format_credits(ws.consumed_total).c_str(), format_credits(ws.balance).c_str(), ws.alert_percent);
  track(key);
}

void draw_billing(App& app) {
  const State& s = app.state();
  BillingState& st = app.ui().billing;
  auto me = app.me();
  const Workspace* ws = app.route_workspace();
  if (!ws || !me) return;
  view_title(ws->name + " - Usage & billing");
  if (!can(s, *me, *ws, Perm::Billing)) {
    text_muted("Usage and billing are for this workspace's Super Admins.");
    return;
  }
  draw_balances(app, *ws);
  ImGui::Spacing();
  draw_purchase(app, *ws, st, *me);
  ImGui::Spacing();
  ImGui::Separator();
  if (is_org_admin(s, *me)) {
    draw_allocation(app, *ws);
    ImGui::Spacing();
    ImGui::Separator();
  }
  bool org_view = ws->is_parent && is_org_admin(s, *me);
  if (org_view) {
    draw_consumption(app);
    ImGui::Spacing();
    ImGui::Separator();
  }
  draw_ledger(app, *ws, st, org_view);
  ImGui::Spacing();
  draw_api_days(app, *ws);
}

}  // namespace subspace::ui
