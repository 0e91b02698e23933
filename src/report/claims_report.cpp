#include "report/claims_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <set>
#include <thread>

namespace fabcast::report {

Section claims_section(const analysis::ClaimsResult& result) {
  const auto& file = result.file;
  std::set<std::string> scenarios;
  std::uint64_t samples = 0;
  for (const auto& c : result.claims) {
    for (const auto& r : c.checks) {
      if (r.scenario.empty()) continue;
      scenarios.insert(r.scenario);
      samples = r.samples;
    }
  }
  Section s{"Claims checked",
            fmt::format("{} ({}). Data checks give the value at the data's central values and [its range over the "
                        "data's ranges]; model checks give the statistic with its 95 % interval{}. A check holds when "
                        "its rule holds over the whole interval; a claim fails if any check fails and holds if every "
                        "judged check holds.",
                        file.title, file.path,
                        scenarios.empty() ? std::string()
                                          : fmt::format(" ({}; {} samples, seed {})", fmt::join(scenarios, ", "),
                                                        samples, result.request.options.seed)),
            {"claim", "by, when", "evidence", "verdict", "note"},
            {},
            false};
  for (std::size_t i = 0; i < file.claims.size(); ++i) {
    const auto& claim = file.claims[i];
    const auto& cr = result.claims[i];
    std::vector<std::string> evidence;
    for (std::size_t k = 0; k < claim.checks.size(); ++k) {
      const auto& check = claim.checks[k];
      const auto& r = cr.checks[k];
      evidence.push_back(fmt::format(
          "{} ({}{}): {}{}", check.label, check.kind == analysis::Check::Kind::data ? "data" : "model, " + r.scenario,
          r.verdict == analysis::Verdict::context ? std::string() : fmt::format(", {}", analysis::to_string(r.verdict)),
          analysis::evidence_text(check, r), check.note.empty() ? "" : ". " + check.note));
    }
    s.rows.push_back(
        {{claim.text, fmt::format("{}, {}", claim.by, claim.date), fmt::format("{}", fmt::join(evidence, "; ")),
          std::string(analysis::to_string(cr.verdict)), claim.note}});
  }
  return s;
}

Document claims_document(const analysis::ClaimsResult& result) {
  Document d;
  d.title = fmt::format("fabcast claims: {}", result.file.title);
  d.description = result.file.description;
  d.run_line = fmt::format("{} claims from {}.", result.file.claims.size(), result.file.path);
  d.sections_before_charts.push_back(claims_section(result));
  Section sources{"Where each claim was made", "", {"claim", "source"}, {}, false};
  for (const auto& claim : result.file.claims)
    for (const auto& src : claim.sources) sources.rows.push_back({{claim.id, src}});
  d.sections_after_charts.push_back(sources);
  return d;
}

analysis::ClaimsRequest claims_request_for(const store::StoredRun& run) {
  analysis::ClaimsRequest claims;
  claims.scenario_texts[run.scenario_name] = run.scenario_text;
  claims.options.seed = run.seed;
  claims.options.stop.samples = run.samples;
  claims.options.threads = std::max(1U, std::thread::hardware_concurrency());  // results do not depend on it
  claims.sampling = run.sampling == "lhs" ? core::SamplingMethod::latin_hypercube : core::SamplingMethod::monte_carlo;
  return claims;
}

Table claims_export_table(const analysis::ClaimsResult& result) {
  Table t;
  t.name = "claims";
  t.description = fmt::format("{} ({}): each check of each claim, its value with its interval, its rule and verdict",
                              result.file.title, result.file.path);
  t.columns = {"claim_id",      "claim", "by",       "date",     "claim_verdict",
               "check",         "kind",  "scenario", "holds_if", "fails_if",
               "check_verdict", "note",  "value",    "lo",       "hi"};
  for (std::size_t i = 0; i < result.file.claims.size(); ++i) {
    const auto& claim = result.file.claims[i];
    for (std::size_t k = 0; k < claim.checks.size(); ++k) {
      const auto& check = claim.checks[k];
      const auto& r = result.claims[i].checks[k];
      t.text.push_back({claim.id, claim.text, claim.by, claim.date,
                        std::string(analysis::to_string(result.claims[i].verdict)), check.label,
                        check.kind == analysis::Check::Kind::data ? "data" : "model", r.scenario,
                        check.holds_if ? check.holds_if->text : "", check.fails_if ? check.fails_if->text : "",
                        std::string(analysis::to_string(r.verdict)), check.note});
      auto finite = [](double x) { return std::isfinite(x) ? std::optional<double>(x) : std::nullopt; };
      t.numbers.push_back({finite(r.value), finite(r.lo), finite(r.hi)});
    }
  }
  return t;
}

}  // namespace fabcast::report
