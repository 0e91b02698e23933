#pragma once
// Claims checked against data and the model (docs/claims.md). A claims file (TOML, claims/*.toml)
// lists public claims, each with its text, who made it, when, and its sources, and one or more
// checks: an expression over reference-data values ("7e12 / comparators.us_federal_outlays_fy2023_usd"),
// or a statistic of a model output under a scenario ("P(committed_cumulative_usd@2034 >= 7e12)").
// A check's rule (holds_if, fails_if) turns its value and interval into a verdict: holds when the
// rule holds over the whole interval, fails when fails_if does, uncertain otherwise. A library:
// the CLI, the reports and later a server call it.

#include "analysis/seek.hpp"
#include "core/design.hpp"
#include "core/runner.hpp"
#include "data/toml_value.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::analysis {

enum class Verdict { holds, fails, uncertain, context };  //!< context: evidence with no rule
std::string_view to_string(Verdict v) noexcept;

//! A rule's condition on a check's value: "> 1", "<= 0.2".
struct Condition {
  Compare compare = Compare::at_least;
  double value = 0;
  std::string text;
};

struct Check {
  enum class Kind { data, model };
  Kind kind = Kind::data;
  std::string text;                    //!< the expression, or the measure, as written
  std::string label;                   //!< what the value is, for people
  std::string note;                    //!< what the check leaves out
  std::string unit;                    //!< "USD" prints the value as money; else a plain number
  std::vector<std::string> data_keys;  //!< data: the library entries the expression reads
  std::string scenario;                //!< model: a shipped scenario or a .toml path (empty: the file's)
  std::vector<std::string> overrides;  //!< model: key=value set on the scenario
  SeekTarget measure;                  //!< model: the statistic (its goal unused)
  std::optional<Condition> holds_if, fails_if;
  data::Location at;
};

struct Claim {
  std::string id, text, by, date, note;
  std::vector<std::string> sources;  //!< citations, one line each
  std::vector<Check> checks;
  data::Location at;
};

struct ClaimsFile {
  std::string path, title, description;
  std::string scenario;  //!< the scenario model checks use unless they name one
  std::vector<Claim> claims;
};

//! The files shipped in claims/ by name ("altman-7t-2024").
std::vector<std::string> shipped_claims();

//! Parses a claims file. Throws InputError naming path:line:column, the key and what was expected,
//! for malformed TOML, unknown keys (with a did-you-mean), a missing field, a source id the data
//! library does not define, an expression that does not parse or reads an unknown data key, and
//! a measure or rule that does not parse.
ClaimsFile parse_claims(const std::string& text, const std::string& path);

//! A shipped file's name or a path to a .toml file.
ClaimsFile load_claims(const std::string& name_or_path);

struct ClaimsRequest {
  std::string scenario;  //!< replaces the file's scenario (checks naming their own keep theirs)
  //! Resolved scenario texts by name: a stored run's scenario, so that its report's checks read
  //! the very samples of that run.
  std::map<std::string, std::string> scenario_texts;
  core::RunOptions options;
  core::SamplingMethod sampling = core::SamplingMethod::monte_carlo;
};

struct CheckResult {
  double value = 0, lo = 0, hi = 0;  //!< data: at the central values and over the ranges; model: estimate, 95 %
  std::string scenario;              //!< model: the scenario run
  std::uint64_t samples = 0;         //!< model
  Verdict verdict = Verdict::context;
};

struct ClaimResult {
  Verdict verdict = Verdict::context;
  std::vector<CheckResult> checks;
};

struct ClaimsResult {
  ClaimsFile file;
  ClaimsRequest request;
  std::vector<ClaimResult> claims;
};

//! The verdict a rule gives a value known to lie in [lo, hi].
Verdict judge(const std::optional<Condition>& holds_if, const std::optional<Condition>& fails_if, double lo, double hi);

//! A claim's verdict from its checks': fails if any fails, holds if every check with a rule
//! holds, context when none has a rule, else uncertain.
Verdict combine(const std::vector<Verdict>& checks);

//! Evaluates every check: each scenario (with its overrides) runs once, recording only the outputs
//! its checks read. Throws InputError (naming the check's file:line:column) for an output the
//! scenario cannot record.
ClaimsResult check_claims(const ClaimsFile& file, const ClaimsRequest& request);

std::string claims_table(const ClaimsResult& result);
nlohmann::ordered_json claims_json(const ClaimsResult& result);

//! A check's value with its interval and unit-free rule, as the table and the report print it:
//! "1.14 [1.14, 1.14]; holds if > 1".
std::string evidence_text(const Check& check, const CheckResult& result);

}  // namespace fabcast::analysis
