// fabcast runs list|show|diff|rerun|rm: the run store from the command line.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_flags.hpp"
#include "cli/scenario_run.hpp"
#include "core/errors.hpp"
#include "core/number_format.hpp"
#include "data/toml_value.hpp"
#include "report/run_diff.hpp"
#include "report/run_job.hpp"
#include "scenario/loader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>
#include <fabcast/version.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <thread>
#include <type_traits>

namespace fabcast::cli {
namespace {

// "a.b.c" -> value text, for every leaf of a resolved scenario.
void flatten(const toml::table& table, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (const auto& [key, node] : table) {
    const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, path, out);
    } else {
      std::ostringstream text;
      node.visit([&text](const auto& v) {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, toml::value<double>>) {
          text << core::format_number(v.get());  // 7e12, not 7000000000000.0
        } else {
          text << v;
        }
      });
      out[path] = text.str();
    }
  }
}

std::map<std::string, std::string> scenario_keys(const store::RunStore& store, const store::StoredRun& run) {
  std::map<std::string, std::string> keys;
  try {
    if (const auto deep = data::too_deep_key(run.scenario_text, "")) {
      throw RunError(fmt::format("{}: run {}: its stored scenario nests a key more than {} parts deep at line {}",
                                 store.path().string(), run.id, data::MAX_KEY_PARTS, deep->line));
    }
    flatten(toml::parse(run.scenario_text), "", keys);
  } catch (const toml::parse_error& e) {
    throw RunError(fmt::format("{}: run {}: its stored scenario does not parse: {}", store.path().string(), run.id,
                               e.description()));
  }
  return keys;
}

// The --set arguments a run was made with, as stored (one a line).
std::vector<std::string> override_list(const store::StoredRun& r) {
  std::vector<std::string> out;
  std::istringstream lines(r.overrides);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string metadata(const store::StoredRun& r) {
  std::string out;
  out += fmt::format("run {}: {}, {} samples ({}), seed {}, {} threads, {:.1f} s\n", r.id, r.scenario_name, r.samples,
                     r.sampling, r.seed, r.threads, r.elapsed_seconds);
  out += fmt::format("stored {}; fabcast {} ({}), reference data {}\n", r.created, r.fabcast_version, r.git_commit,
                     r.data_version);
  out += fmt::format("scenario sha256 {}{}\n", r.scenario_hash, r.has_samples ? "; per-sample scalars kept" : "");
  out += "overrides:";
  for (const auto& set : override_list(r)) out += " --set " + set;
  out += r.overrides.empty() ? " none\n" : "\n";
  return out;
}

// The result JSON without what names the build, for comparing a rerun by another build.
std::string results_only(const std::string& json) {
  auto j = nlohmann::ordered_json::parse(json);
  if (auto run = j.find("run"); run != j.end() && run->is_object()) {
    run->erase("fabcast_version");
    run->erase("git_commit");
  }
  return j.dump(1);
}

void add_list(CLI::App& runs, CommandIo& io, const std::shared_ptr<StoreFlags>& flags) {
  struct Args {
    std::string format = "table";
    std::string scenario;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = runs.add_subcommand("list", "The stored runs, newest first");
  cmd->add_option("-f,--format", args->format, "table, or json (one object per run, for scripts)")
      ->capture_default_str();
  cmd->add_option("--scenario", args->scenario, "Only the runs of this scenario (by name)");
  add_store_flags(*cmd, *flags, false);
  cmd->callback([args, flags, &io] {
    if (args->format != "table" && args->format != "json")
      throw InputError(fmt::format("--format expects table or json, got '{}'", args->format));
    const auto store = open_store(*flags, store::StoreAccess::read);
    auto runs_list = store.list();
    if (!args->scenario.empty()) {
      std::erase_if(runs_list, [&](const store::StoredRun& r) { return r.scenario_name != args->scenario; });
    }
    if (args->format == "json") {
      auto j = nlohmann::ordered_json::array();
      for (const auto& r : runs_list) {
        j.push_back({{"id", r.id},
                     {"created", r.created},
                     {"scenario", r.scenario_name},
                     {"scenario_sha256", r.scenario_hash},
                     {"samples", r.samples},
                     {"seed", r.seed},
                     {"sampling", r.sampling},
                     {"threads", r.threads},
                     {"data_version", r.data_version},
                     {"fabcast_version", r.fabcast_version},
                     {"git_commit", r.git_commit},
                     {"elapsed_seconds", r.elapsed_seconds},
                     {"samples_kept", r.has_samples},
                     {"overrides", override_list(r)}});
      }
      io.out << j.dump(1) << '\n';
      return;
    }
    if (runs_list.empty()) {
      io.out << fmt::format("no runs in {}\n", store.path().string());
      return;
    }
    // The overrides last: two runs of one scenario with different --set differ there (and in the hash).
    io.out << fmt::format("{:>5}  {:<20}  {:<18} {:>9}  {:<4} {:>20}  {:<8}  {:<7}  {}\n", "id", "stored (UTC)",
                          "scenario", "samples", "", "seed", "sha256", "kept", "overrides (--set)");
    for (const auto& r : runs_list) {
      const auto line = fmt::format("{:>5}  {:<20}  {:<18} {:>9}  {:<4} {:>20}  {:<8}  {:<7}  {}", r.id, r.created,
                                    r.scenario_name, r.samples, r.sampling, r.seed, r.scenario_hash.substr(0, 8),
                                    r.has_samples ? "samples" : "", fmt::join(override_list(r), " "));
      io.out << line.substr(0, line.find_last_not_of(' ') + 1) << '\n';
    }
  });
}

void add_show(CLI::App& runs, CommandIo& io, const std::shared_ptr<StoreFlags>& flags) {
  struct Args {
    std::string id;
    std::string format = "table";
    bool scenario = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = runs.add_subcommand("show", "One stored run: how it was made and its summary");
  cmd->add_option("ID", args->id, "Run id (fabcast runs list), or latest")->required();
  cmd->add_option("-f,--format", args->format, "table, or json (the stored result)")->capture_default_str();
  cmd->add_flag("--scenario", args->scenario, "Print the run's fully resolved scenario (TOML) instead");
  add_store_flags(*cmd, *flags, false);
  cmd->callback([args, flags, &io] {
    if (args->format != "table" && args->format != "json")
      throw InputError(fmt::format("--format expects table or json, got '{}'", args->format));
    const auto store = open_store(*flags, store::StoreAccess::read);
    const auto r = store.get(store.resolve(args->id));
    if (args->scenario) {
      io.out << r.scenario_text;
    } else if (args->format == "json") {
      io.out << r.result_json << '\n';
    } else {
      io.out << metadata(r) << '\n' << r.summary;
    }
  });
}

void add_diff(CLI::App& runs, CommandIo& io, const std::shared_ptr<StoreFlags>& flags) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* cmd = runs.add_subcommand("diff", "Two stored runs: the inputs that differ and how the key outputs moved");
  cmd->add_option("ID1 ID2", *ids, "Two run ids")->required()->expected(2);
  add_store_flags(*cmd, *flags, false);
  cmd->callback([ids, flags, &io] {
    const auto store = open_store(*flags, store::StoreAccess::read);
    auto a = store.get(store.resolve((*ids)[0]));
    auto b = store.get(store.resolve((*ids)[1]));
    // Kept samples are read only when the runs pair sample by sample (the same draws in both).
    if (a.has_samples && b.has_samples && a.seed == b.seed && a.samples == b.samples && a.sampling == b.sampling) {
      a = store.get(a.id, true);
      b = store.get(b.id, true);
    }
    io.out << fmt::format("run {} ({}) -> run {} ({})\n\n", a.id, a.scenario_name, b.id, b.scenario_name);

    std::vector<std::array<std::string, 3>> rows;
    auto setting = [&](const char* what, const std::string& x, const std::string& y) {
      if (x != y) rows.push_back({what, x, y});
    };
    setting("samples", std::to_string(a.samples), std::to_string(b.samples));
    setting("seed", std::to_string(a.seed), std::to_string(b.seed));
    setting("sampling", a.sampling, b.sampling);
    setting("reference data", a.data_version, b.data_version);
    setting("fabcast", a.fabcast_version + " " + a.git_commit, b.fabcast_version + " " + b.git_commit);
    const auto ka = scenario_keys(store, a), kb = scenario_keys(store, b);
    for (const auto& [key, value] : ka) {
      const auto it = kb.find(key);
      setting(key.c_str(), value, it == kb.end() ? "(unset)" : it->second);
    }
    for (const auto& [key, value] : kb) {
      if (!ka.contains(key)) setting(key.c_str(), "(unset)", value);
    }
    if (rows.empty()) {
      io.out << "inputs: identical (same resolved scenario, seed, samples and sampling)\n";
    } else {
      io.out << "inputs that differ\n";
      for (const auto& [what, x, y] : rows) io.out << fmt::format("  {:<44} {}  ->  {}\n", what, x, y);
    }

    // The outputs, and whether each moved by more than sampling noise (sample by sample when
    // both runs kept their samples).
    io.out << '\n';
    for (const auto* run : {&a, &b}) {  // a result not as fabcast writes it is named with its run
      read_stored_run(store, *run, [&] { (void)nlohmann::ordered_json::parse(run->result_json).at("scalars"); });
    }
    const auto comparison = report::compare_runs(a, b);
    io.out << report::comparison_text(comparison, a, b);
  });
}

void add_rerun(CLI::App& runs, CommandIo& io, const std::shared_ptr<StoreFlags>& flags) {
  struct Args {
    std::string id;
    std::optional<std::string> threads;  // parsed by parse_threads: 1 to MAX_THREADS
  };
  auto args = std::make_shared<Args>();
  auto* cmd = runs.add_subcommand(
      "rerun", "Run a stored run again from its stored scenario and seed, and check the results match byte for byte");
  cmd->add_option("ID", args->id, "Run id, or latest")->required();
  add_threads_flag(*cmd, args->threads);
  add_store_flags(*cmd, *flags, false);
  cmd->callback([args, flags, &io] {
    // Reading only: a rerun is compared with the stored run, never stored, so it works on a store
    // the user may only read.
    const auto store = open_store(*flags, store::StoreAccess::read);
    const auto r = store.get(store.resolve(args->id));
    const auto sc = [&] {
      try {
        return scenario::load_scenario_text(r.scenario_text, fmt::format("run {} (stored scenario)", r.id));
      } catch (const InputError& e) {  // not the user's input but the store's: exit 1, naming it
        throw RunError(
            fmt::format("{}: run {}: its stored scenario does not load: {}", store.path().string(), r.id, e.what()));
      }
    }();
    core::RunOptions options;
    options.seed = r.seed;
    options.threads = args->threads ? parse_threads(*args->threads)
                                    : std::clamp(std::thread::hardware_concurrency(), 1u, MAX_THREADS);
    options.memory_limit_bytes = available_memory_bytes();
    options.stop.samples = r.samples;
    const auto sampling = core::parse_sampling_method(r.sampling);
    if (!sampling) {
      throw RunError(
          fmt::format("{}: run {}: unknown stored sampling method '{}'", store.path().string(), r.id, r.sampling));
    }
    const auto job = report::run_job(sc, options, *sampling);
    if (job.json == r.result_json) {
      io.out << fmt::format("run {} reproduced byte for byte ({} bytes of results, {} samples, seed {})\n", r.id,
                            job.json.size(), r.samples, r.seed);
      io.exit_code = EXIT_OK;
    } else if (results_only(job.json) == results_only(r.result_json)) {
      io.out << fmt::format(
          "run {} reproduced: results identical; this fabcast is {} ({}), the run was made by {} ({})\n", r.id, VERSION,
          GIT_COMMIT, r.fabcast_version, r.git_commit);
      io.exit_code = EXIT_OK;
    } else {
      const auto d = first_different_line(r.result_json, job.json);
      io.out << fmt::format(
          "run {} NOT reproduced: results differ first at line {} of the JSON:\n  stored: {}\n  now:    {}\n", r.id,
          d.line, d.stored, d.now);
      io.exit_code = EXIT_FAILURE_RUN;
    }
  });
}

void add_rm(CLI::App& runs, CommandIo& io, const std::shared_ptr<StoreFlags>& flags) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* cmd = runs.add_subcommand("rm", "Remove stored runs");
  cmd->add_option("ID", *ids, "Run ids")->required();
  add_store_flags(*cmd, *flags, false);
  cmd->callback([ids, flags, &io] {
    auto store = open_store(*flags, store::StoreAccess::write);
    std::vector<std::int64_t> parsed;
    for (const auto& text : *ids) parsed.push_back(store.resolve(text));
    // All must exist before any goes. Only existence: a run whose stored result was damaged can still be removed.
    for (const auto id : parsed) {
      if (!store.contains(id)) {
        throw InputError(
            fmt::format("{}: no run {} (fabcast runs list shows the stored runs)", store.path().string(), id));
      }
    }
    for (const auto id : parsed) {
      store.remove(id);
      io.out << fmt::format("removed run {}\n", id);
    }
  });
}

}  // namespace

void add_runs_command(CLI::App& app, CommandIo& io) {
  auto flags = std::make_shared<StoreFlags>();
  auto* runs = app.add_subcommand("runs", "The run store: list, show, diff, rerun and remove stored runs");
  runs->require_subcommand(1);
  add_list(*runs, io, flags);
  add_show(*runs, io, flags);
  add_diff(*runs, io, flags);
  add_rerun(*runs, io, flags);
  add_rm(*runs, io, flags);
}

}  // namespace fabcast::cli
