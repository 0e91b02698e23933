// The run store and what is made from it: records round-trip exactly, ids resolve, a store from a
// later layout is refused, reading creates and changes nothing, damaged data is named with its store
// and run, a rerun reproduces the stored bytes, and exported tables carry the stored result's values.

#include "store/run_store.hpp"

#include "core/errors.hpp"
#include "report/export.hpp"
#include "report/run_document.hpp"
#include "report/run_job.hpp"
#include "scenario/loader.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace fabcast::store {
namespace {

using ::testing::HasSubstr;

// A fresh store file per test, removed afterwards.
class Store : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fabcast-store-test-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  [[nodiscard]] std::filesystem::path path() const { return dir_ / "sub" / "runs.db"; }
  std::filesystem::path dir_;
};

NewRun sample_run() {
  NewRun r;
  r.scenario_name = "demo";
  r.scenario_text = "name = \"demo\"\n";
  r.overrides = "program.budget_usd=1e12\n";
  r.seed = std::numeric_limits<std::uint64_t>::max();  // above INT64_MAX: must survive exactly
  r.samples = 1234;
  r.sampling = "lhs";
  r.threads = 2;
  r.data_version = "2026.11.1";
  r.fabcast_version = "0.1.0";
  r.git_commit = "abc";
  r.elapsed_seconds = 1.5;
  r.result_json = "{\"run\": {}}";
  r.summary = "summary\n";
  return r;
}

TEST(Sha256, MatchesTheFips180Vectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(Store, ARunRoundTripsExactlyWithItsSamples) {
  RunStore store(path());  // creates the parent directory
  auto in = sample_run();
  in.samples_by_output = {{"a", {1.0, -0.0, std::nan(""), 1e308, 5e-324}}, {"b", {}}};
  const auto id = store.add(in);
  EXPECT_EQ(id, 1);
  const auto out = store.get(id, true);
  EXPECT_EQ(out.scenario_name, in.scenario_name);
  EXPECT_EQ(out.scenario_text, in.scenario_text);
  EXPECT_EQ(out.scenario_hash, sha256_hex(in.scenario_text));
  EXPECT_EQ(out.overrides, in.overrides);
  EXPECT_EQ(out.seed, in.seed);
  EXPECT_EQ(out.samples, in.samples);
  EXPECT_EQ(out.sampling, in.sampling);
  EXPECT_EQ(out.threads, in.threads);
  EXPECT_EQ(out.result_json, in.result_json);
  EXPECT_EQ(out.summary, in.summary);
  EXPECT_TRUE(out.has_samples);
  ASSERT_EQ(out.samples_by_output.size(), 2u);
  EXPECT_EQ(out.samples_by_output[0].first, "a");
  const auto& a = out.samples_by_output[0].second;
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0], 1.0);
  EXPECT_TRUE(std::signbit(a[1]));
  EXPECT_TRUE(std::isnan(a[2]));
  EXPECT_EQ(a[3], 1e308);
  EXPECT_EQ(a[4], 5e-324);
  EXPECT_TRUE(out.samples_by_output[1].second.empty());
  // Without asking, no samples are read.
  EXPECT_TRUE(store.get(id).samples_by_output.empty());
}

TEST_F(Store, ListsNewestFirstResolvesLatestAndRemoves) {
  RunStore store(path());
  EXPECT_THROW((void)store.resolve("latest"), InputError);
  store.add(sample_run());
  store.add(sample_run());
  store.add(sample_run());
  const auto runs = store.list();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].id, 3);
  EXPECT_EQ(runs[2].id, 1);
  EXPECT_EQ(store.resolve("latest"), 3);
  EXPECT_EQ(store.resolve("2"), 2);
  EXPECT_THROW((void)store.resolve("two"), InputError);
  EXPECT_THROW((void)store.resolve("0"), InputError);
  EXPECT_TRUE(store.remove(2));
  EXPECT_FALSE(store.remove(2));
  EXPECT_THROW((void)store.get(2), InputError);
  EXPECT_EQ(store.list().size(), 2u);
  // Ids are never reused: a removed run's id does not come back.
  EXPECT_EQ(store.add(sample_run()), 4);
  // Reopening sees the same runs.
  RunStore again(path());
  EXPECT_EQ(again.list().size(), 3u);
}

TEST_F(Store, RefusesAStoreFromALaterLayoutAndAFileThatIsNotOne) {
  { RunStore store(path()); }
  {
    SQLite::Database db(path().string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    RunStore store(path());
    FAIL() << "opened a layout-99 store";
  } catch (const RunError& e) {
    EXPECT_THAT(e.what(), HasSubstr("layout version 99"));
    EXPECT_THAT(e.what(), HasSubstr(path().string()));
  }
  const auto junk = dir_ / "junk.db";
  std::filesystem::create_directories(dir_);
  { std::ofstream(junk) << "this is not a database, it is text long enough to fill a header page ......."; }
  EXPECT_THROW(RunStore store(junk), RunError);
}

// Reading opens read-only and creates nothing: a store that does not exist yet, or an empty file,
// has no runs.
TEST_F(Store, ReadingAStoreThatDoesNotExistFindsNoRunsAndCreatesNothing) {
  const RunStore missing(path(), StoreAccess::read);
  EXPECT_TRUE(missing.list().empty());
  EXPECT_FALSE(missing.contains(1));
  try {
    (void)missing.get(1);
    FAIL() << "found a run in a store that does not exist";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path().string() + ": no run 1: no runs are stored there yet"));
  }
  EXPECT_THROW((void)missing.resolve("latest"), InputError);
  EXPECT_FALSE(std::filesystem::exists(path().parent_path()));
  std::filesystem::create_directories(path().parent_path());
  std::ofstream(path()).close();  // an empty file is an empty SQLite database
  EXPECT_TRUE(RunStore(path(), StoreAccess::read).list().empty());
  EXPECT_EQ(std::filesystem::file_size(path()), 0u);
}

// A reader sees what a writer adds while both are open (WAL), and reading changes nothing.
TEST_F(Store, AReaderSeesRunsAWriterAdds) {
  RunStore writer(path());
  writer.add(sample_run());
  const RunStore reader(path(), StoreAccess::read);
  EXPECT_EQ(reader.list().size(), 1u);
  writer.add(sample_run());
  EXPECT_EQ(reader.list().size(), 2u);
  EXPECT_EQ(reader.get(2).scenario_name, "demo");
  EXPECT_TRUE(reader.contains(2));
}

// SQLite opens a read-only store by URI: '?', '#' and '%' in its path must stay part of the name.
TEST_F(Store, APathWithUriCharactersOpensForReading) {
  const auto odd = dir_ / "a?b#c%20d" / "runs.db";
  RunStore(odd).add(sample_run());
  EXPECT_EQ(RunStore(odd, StoreAccess::read).list().size(), 1u);
}

// Someone else's database given as --store is refused, by name, and left as it was.
TEST_F(Store, RefusesADatabaseWithoutItsTablesAndLeavesItAsItWas) {
  std::filesystem::create_directories(path().parent_path());
  {
    SQLite::Database db(path().string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE notes (x)");
  }
  for (const auto access : {StoreAccess::read, StoreAccess::write}) {
    try {
      RunStore store(path(), access);
      FAIL() << "opened a database without fabcast's tables";
    } catch (const RunError& e) {
      EXPECT_THAT(e.what(),
                  HasSubstr(path().string() + ": not a fabcast run store: a SQLite database without fabcast's tables"));
    }
  }
  SQLite::Database db(path().string());
  EXPECT_EQ(db.execAndGet("SELECT group_concat(name) FROM sqlite_master").getString(), "notes");
}

// A store whose layout version says it is fabcast's but that lacks a table or a column is named
// with what is missing, instead of failing later with a bare "no such table".
TEST_F(Store, NamesAMissingTableOrColumn) {
  RunStore(path()).add(sample_run());
  {
    SQLite::Database db(path().string(), SQLite::OPEN_READWRITE);
    db.exec("ALTER TABLE runs DROP COLUMN summary");
  }
  for (const auto access : {StoreAccess::read, StoreAccess::write}) {
    try {
      RunStore store(path(), access);
      FAIL() << "opened a store without runs.summary";
    } catch (const RunError& e) {
      EXPECT_THAT(e.what(),
                  HasSubstr(path().string() + ": not a fabcast run store: its table runs has no column summary"));
    }
  }
  {
    SQLite::Database db(path().string(), SQLite::OPEN_READWRITE);
    db.exec("DROP TABLE samples");
    db.exec("DROP TABLE runs");
  }
  EXPECT_THROW(RunStore(path(), StoreAccess::read), RunError);
  try {
    RunStore store(path());
    FAIL() << "opened a store without its tables";
  } catch (const RunError& e) {
    EXPECT_THAT(e.what(), HasSubstr("it has no table runs"));
  }
}

// Stored data changed outside fabcast is named with the store and the run, never misread.
TEST_F(Store, NamesTheStoreAndTheRunOfDamagedData) {
  {
    RunStore store(path());
    for (int i = 0; i < 5; ++i) {
      auto run = sample_run();
      run.samples_by_output = {{"a", {1.0, 2.0}}};
      store.add(run);
    }
  }
  {
    SQLite::Database db(path().string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE runs SET result_json = 'garbage{' WHERE id = 1");
    db.exec("UPDATE runs SET result_json = '[1, 2]' WHERE id = 2");
    db.exec("UPDATE runs SET seed = '12x' WHERE id = 3");
    db.exec("UPDATE samples SET vals = x'010203' WHERE run_id = 4");
  }
  const RunStore store(path(), StoreAccess::read);
  auto message = [&](std::int64_t id) {
    try {
      (void)store.get(id, true);
    } catch (const RunError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_THAT(message(1),
              HasSubstr(path().string() + ": run 1: stored result is not valid JSON (parse error at line 1, column 1"));
  EXPECT_THAT(message(2), HasSubstr(path().string() + ": run 2: stored result is not valid JSON (not a JSON object)"));
  EXPECT_THAT(message(3), HasSubstr(path().string() + ": run 3: stored seed '12x' is not a 64-bit whole number"));
  EXPECT_THAT(message(4), HasSubstr(path().string() + ": run 4: the kept samples of a are damaged (3 bytes"));
  EXPECT_EQ(message(5), "no error");
  // A damaged run can still be found and removed.
  RunStore writer(path());
  EXPECT_TRUE(writer.contains(1));
  EXPECT_TRUE(writer.remove(1));
}

// The readers of a stored result check what they index: a result not shaped as fabcast writes it
// throws (the command then names the store and run), rather than reading out of bounds.
TEST(StoredResult, ReadersThrowOnAResultNotShapedAsFabcastWritesIt) {
  StoredRun run;
  run.result_json = R"({"run": {}, "steps": ["2030", "2031"], "scalars": {}, "binding": {},
                        "series": {"power_gw": {"mean": [1], "p5": [1], "p25": [1], "p50": [1], "p75": [1], "p95": [1]}}})";
  EXPECT_ANY_THROW((void)report::run_tables(run));
  EXPECT_ANY_THROW((void)report::html_report(run));
  run.result_json = "{}";
  EXPECT_ANY_THROW((void)report::run_tables(run));
  EXPECT_ANY_THROW((void)report::markdown_report(run, "charts"));
  run.result_json = R"({"run": {}, "steps": ["20x0"], "scalars": {}, "binding": {}, "series": {}})";
  EXPECT_ANY_THROW((void)report::html_report(run));
  run.result_json = R"({"run": {}, "steps": ["2030"], "scalars": {}, "binding": {}, "series": {}})";
  run.samples_by_output = {{"a", {1.0, 2.0}}, {"b", {1.0}}};
  EXPECT_THROW((void)report::run_tables(run), std::invalid_argument);
}

// A run made through run_job, stored, loaded back from its stored scenario text and run again,
// gives the same bytes: the stored scenario is complete.
TEST_F(Store, ARerunFromTheStoredScenarioReproducesTheStoredBytes) {
  const auto sc = scenario::load_scenario("altman-7t", {{"program.budget_usd=2e12"}});
  core::RunOptions opt;
  opt.seed = 77;
  opt.threads = 2;
  opt.stop.samples = 600;
  auto job = report::run_job(sc, opt, core::SamplingMethod::latin_hypercube);
  RunStore store(path());
  const auto id = store.add(report::to_store_record(sc, job, {"program.budget_usd=2e12"}, 2, true));
  const auto stored = store.get(id, true);
  const auto again_sc = scenario::load_scenario_text(stored.scenario_text, "stored.toml");
  opt.threads = 1;
  const auto again = report::run_job(again_sc, opt, core::SamplingMethod::latin_hypercube);
  EXPECT_EQ(again.json, stored.result_json);

  // Exports carry the stored values: the scalars table against the result JSON, the samples
  // table against the kept samples, one series row per (quantile series, step).
  const auto tables = report::run_tables(stored);
  const auto j = nlohmann::json::parse(stored.result_json);
  const std::size_t steps = j["steps"].size();
  std::size_t quantile_series = 0, indicator_series = 0;
  for (const auto& [name, s] : j["series"].items()) (s.contains("p50") ? quantile_series : indicator_series) += 1;
  auto table = [&](const std::string& name) -> const report::Table& {
    const auto it = std::find_if(tables.begin(), tables.end(), [&](const auto& t) { return t.name == name; });
    if (it == tables.end()) throw std::runtime_error("no table " + name);
    return *it;
  };
  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"series", "series_wide", "scalars", "binding", "training_runs", "inputs",
                                             "samples"}));
  EXPECT_EQ(table("series").numbers.size(), quantile_series * steps);
  EXPECT_EQ(table("binding").numbers.size(), steps);
  EXPECT_EQ(table("binding").columns.size(), 1 + indicator_series);
  // The wide form: a row per step, a column per quantile series, holding its median.
  const auto& wide = table("series_wide");
  ASSERT_EQ(wide.numbers.size(), steps);
  ASSERT_EQ(wide.columns.size(), 1 + quantile_series);
  const auto flops = static_cast<std::size_t>(std::find(wide.columns.begin(), wide.columns.end(), "installed_flops") -
                                              wide.columns.begin() - 1);
  for (std::size_t t = 0; t < steps; ++t) {
    EXPECT_EQ(wide.numbers[t][flops], j["series"]["installed_flops"]["p50"][t].get<double>());
  }
  const auto& scalars = table("scalars");
  ASSERT_EQ(scalars.text.size(), j["scalars"].size());
  for (std::size_t r = 0; r < scalars.text.size(); ++r) {
    const auto& s = j["scalars"][scalars.text[r][0]];
    if (s["p50"].is_number()) {
      EXPECT_EQ(*scalars.numbers[r][5], s["p50"].get<double>()) << scalars.text[r][0];  // column p50
    } else {
      EXPECT_FALSE(scalars.row_missing[r].empty()) << scalars.text[r][0];  // an empty cell says why
    }
  }
  const auto& samples = table("samples");
  EXPECT_EQ(samples.numbers.size(), 600u);
  const auto committed =
      std::find(samples.columns.begin(), samples.columns.end(), "committed_usd") - samples.columns.begin();
  const auto& kept = job.result.scalar("committed_usd").values;
  for (std::size_t i = 0; i < kept.size(); ++i)
    EXPECT_EQ(*samples.numbers[i][static_cast<std::size_t>(committed)], kept[i]);

  // The HTML report names every chart it draws and inlines the chart libraries.
  const auto html = report::html_report(stored);
  for (const char* chart : {"chart-modules", "chart-accelerators", "chart-flops", "chart-spend", "chart-power",
                            "chart-market", "chart-compute_share", "chart-binding", "chart-limiting"}) {
    EXPECT_THAT(html, HasSubstr(std::string("id=\"") + chart + "\"")) << chart;
  }
  EXPECT_THAT(html, HasSubstr("vegaEmbed"));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("<script src=")));  // nothing fetched at view time
  const auto md = report::markdown_report(stored, "charts");
  // Ten charts over time, eight distributions and two of training runs.
  EXPECT_EQ(md.files.size(), 20u);
  for (const auto& [file, svg] : md.files) {
    EXPECT_THAT(md.markdown, HasSubstr("](" + file + ")"));
    EXPECT_THAT(svg, HasSubstr("<path d=\"M")) << file;  // something was drawn
  }
}

}  // namespace
}  // namespace fabcast::store

namespace fabcast::store {
namespace {

NewStudy sample_study(const std::string& kind) {
  NewStudy s;
  s.kind = kind;
  s.scenario_name = "demo";
  s.scenario_text = "name = \"demo\"\n";
  s.request_json = R"({"seed": 18446744073709551615})";
  s.data_version = "2026.11.1";
  s.fabcast_version = "0.1.0";
  s.git_commit = "abc";
  s.elapsed_seconds = 2.5;
  s.result_json = "{\"points\": []}";
  s.summary = "table\n";
  return s;
}

class Studies : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fabcast-studies-test-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  [[nodiscard]] std::filesystem::path path() const { return dir_ / "runs.db"; }
  std::filesystem::path dir_;
};

TEST_F(Studies, RoundTripListResolveAndRemoveApartFromRuns) {
  RunStore store(path());
  store.add(sample_run());  // runs and studies count apart
  EXPECT_EQ(store.add_study(sample_study("sweep")), 1);
  EXPECT_EQ(store.add_study(sample_study("seek")), 2);
  const auto s = store.get_study(1);
  EXPECT_EQ(s.kind, "sweep");
  EXPECT_EQ(s.request_json, sample_study("sweep").request_json);
  EXPECT_EQ(s.result_json, "{\"points\": []}");
  EXPECT_EQ(s.scenario_hash, sha256_hex("name = \"demo\"\n"));
  const auto all = store.list_studies();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].kind, "seek");       // newest first
  EXPECT_TRUE(all[0].summary.empty());  // the list leaves the bulk out
  EXPECT_EQ(store.resolve_study("latest"), 2);
  EXPECT_TRUE(store.remove_study(2));
  EXPECT_FALSE(store.remove_study(2));
  EXPECT_EQ(store.list().size(), 1u);  // the run stays
  EXPECT_THROW((void)store.get_study(2), InputError);
}

// A store of layout 1 (runs only) reads as one without studies and gains their table, and nothing
// else, when first opened to write.
TEST_F(Studies, AVersionOneStoreReadsWithoutStudiesAndIsUpgradedOnWrite) {
  RunStore(path()).add(sample_run());
  {
    SQLite::Database db(path().string(), SQLite::OPEN_READWRITE);
    db.exec("DROP TABLE studies");
    db.exec("PRAGMA user_version = 1");
  }
  {
    const RunStore reader(path(), StoreAccess::read);
    EXPECT_TRUE(reader.list_studies().empty());
    EXPECT_EQ(reader.list().size(), 1u);
    EXPECT_THROW((void)reader.resolve_study("latest"), InputError);
  }
  RunStore writer(path());
  EXPECT_EQ(writer.add_study(sample_study("sensitivity")), 1);
  EXPECT_EQ(writer.get(1).summary, "summary\n");  // the run is as it was
  SQLite::Database db(path().string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 2);
}

TEST_F(Studies, DamagedStudiesAreNamed) {
  RunStore store(path());
  store.add_study(sample_study("sweep"));
  {
    SQLite::Database db(path().string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE studies SET request_json = '{broken'");
  }
  try {
    (void)RunStore(path(), StoreAccess::read).get_study(1);
    FAIL() << "read a damaged request";
  } catch (const RunError& e) {
    EXPECT_THAT(e.what(), HasSubstr("study 1: its stored request is not valid JSON"));
  }
}

}  // namespace
}  // namespace fabcast::store

namespace fabcast::report {
namespace {

// --keep-samples keeps every sample's drawn inputs beside its outputs, aligned sample by sample:
// the data-centre build pace, which decides how much altman-7t commits, has a strong rank
// correlation with it in the kept columns (misaligned columns would show none).
TEST(KeptInputs, AlignWithTheSamplesThatDrewThem) {
  const auto sc = scenario::load_scenario("altman-7t");
  core::RunOptions options;
  options.seed = 12;
  options.keep_values = true;
  options.stop.samples = 1000;
  const auto job = run_job(sc, options, core::SamplingMethod::monte_carlo);
  const auto it = std::find_if(job.inputs.begin(), job.inputs.end(),
                               [](const auto& c) { return c.first == "input:compute.datacentre_gw_per_year_max"; });
  ASSERT_NE(it, job.inputs.end());
  const auto& pace = it->second;
  const auto& committed = job.result.scalar("committed_usd").values;
  ASSERT_EQ(pace.size(), 1000u);
  // Spearman's rho by ranks (no ties in either column).
  auto ranks = [](const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size(); ++i) r[order[i]] = static_cast<double>(i);
    return r;
  };
  const auto rp = ranks(pace), rc = ranks(committed);
  double d2 = 0;
  for (std::size_t i = 0; i < rp.size(); ++i) d2 += (rp[i] - rc[i]) * (rp[i] - rc[i]);
  const double n = 1000, rho = 1 - 6 * d2 / (n * (n * n - 1));
  EXPECT_GT(rho, 0.6);  // 0.83 at 10,000 samples (docs/cli.md); 0 +- 0.13 (4 se) if misaligned
  // Fixed inputs are left out: the budget is fixed in altman-7t.
  EXPECT_TRUE(std::none_of(job.inputs.begin(), job.inputs.end(),
                           [](const auto& c) { return c.first == "input:program.budget_usd"; }));
}

// A Latin hypercube run that grows round by round stratifies each round on its own: the kept
// values of a uniform input put exactly one sample in each of a round's n strata.
TEST(KeptInputs, FollowTheRoundsOfAGrowingLatinHypercubeRun) {
  const auto sc = scenario::load_scenario("altman-7t");
  core::RunOptions options;
  options.seed = 5;
  options.keep_values = true;
  options.stop.target_rel_error = 1e-12;  // never reached: grows to max_samples
  options.stop.target_output = "committed_usd";
  options.stop.min_samples = 256;
  options.stop.max_samples = 1024;
  const auto job = run_job(sc, options, core::SamplingMethod::latin_hypercube);
  ASSERT_GE(job.result.round_ends.size(), 2u);
  const auto it = std::find_if(job.inputs.begin(), job.inputs.end(),
                               [](const auto& c) { return c.first == "input:compute.datacentre_gw_per_year_max"; });
  ASSERT_NE(it, job.inputs.end());  // uniform(5, 30)
  std::uint64_t begin = 0;
  for (const auto end : job.result.round_ends) {
    const auto m = end - begin;
    std::vector<int> hits(m, 0);
    for (std::uint64_t i = begin; i < end; ++i) {
      const auto s = static_cast<std::size_t>(std::floor((it->second[i] - 5) / 25 * static_cast<double>(m)));
      ++hits.at(std::min<std::size_t>(s, m - 1));
    }
    EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; })) << "round ending " << end;
    begin = end;
  }
}

}  // namespace
}  // namespace fabcast::report
