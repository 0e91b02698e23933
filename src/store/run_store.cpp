#include "store/run_store.hpp"

#include "core/errors.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <bit>
#include <charconv>
#include <ctime>
#include <cstdlib>
#include <cstring>

namespace fabcast::store {
namespace {

// Version 1 of the layout. A store made by a later fabcast with another layout is refused by
// name rather than misread.
constexpr int LAYOUT_VERSION = 1;

// SQLite refuses a value over 1e9 bytes (SQLITE_MAX_LENGTH): 125 million doubles per output.
constexpr std::size_t MAX_KEPT_SAMPLES = 125'000'000;

constexpr const char* SCHEMA = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  created         TEXT NOT NULL,
  scenario_name   TEXT NOT NULL,
  scenario_text   TEXT NOT NULL,
  scenario_hash   TEXT NOT NULL,
  overrides       TEXT NOT NULL,
  seed            TEXT NOT NULL,   -- a 64-bit unsigned value, kept exactly
  samples         INTEGER NOT NULL,
  sampling        TEXT NOT NULL,
  threads         INTEGER NOT NULL,
  data_version    TEXT NOT NULL,
  fabcast_version TEXT NOT NULL,
  git_commit      TEXT NOT NULL,
  elapsed_seconds REAL NOT NULL,
  result_json     TEXT NOT NULL,
  summary         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS samples (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  output  TEXT NOT NULL,
  ord     INTEGER NOT NULL,       -- the output's position in the run's scalar list
  vals    BLOB NOT NULL,          -- little-endian IEEE doubles, one per sample in sample order
  PRIMARY KEY (run_id, output)
);
)sql";

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

StoredRun row_to_run(SQLite::Statement& q, bool full) {
  StoredRun r;
  r.id = q.getColumn("id").getInt64();
  r.created = q.getColumn("created").getString();
  r.scenario_name = q.getColumn("scenario_name").getString();
  r.scenario_hash = q.getColumn("scenario_hash").getString();
  r.overrides = q.getColumn("overrides").getString();
  const std::string seed = q.getColumn("seed").getString();
  std::from_chars(seed.data(), seed.data() + seed.size(), r.seed);
  r.samples = static_cast<std::uint64_t>(q.getColumn("samples").getInt64());
  r.sampling = q.getColumn("sampling").getString();
  r.threads = static_cast<unsigned>(q.getColumn("threads").getInt());
  r.data_version = q.getColumn("data_version").getString();
  r.fabcast_version = q.getColumn("fabcast_version").getString();
  r.git_commit = q.getColumn("git_commit").getString();
  r.elapsed_seconds = q.getColumn("elapsed_seconds").getDouble();
  r.has_samples = q.getColumn("has_samples").getInt() != 0;
  if (full) {
    r.scenario_text = q.getColumn("scenario_text").getString();
    r.result_json = q.getColumn("result_json").getString();
    r.summary = q.getColumn("summary").getString();
  }
  return r;
}

constexpr const char* COLUMNS =
    "id, created, scenario_name, scenario_hash, overrides, seed, samples, sampling, threads, data_version, "
    "fabcast_version, git_commit, elapsed_seconds, EXISTS(SELECT 1 FROM samples WHERE run_id = runs.id) AS has_samples";

}  // namespace

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw RunError("SHA-256 failed (OpenSSL)");
  }
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::int64_t parse_run_id(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    throw InputError(fmt::format("'{}' is not a run id: expected a positive whole number, as `fabcast runs list` shows, or 'latest'", text));
  }
  return id;
}

std::filesystem::path RunStore::default_path() {
  if (const char* env = std::getenv("FABCAST_STORE"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "fabcast" / "runs.db";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".local/share/fabcast/runs.db";
  return "fabcast-runs.db";
}

RunStore::RunStore(const std::filesystem::path& path) : path_(path) {
  try {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    db_ = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    // Writers queue for up to a minute rather than fail; WAL lets readers run beside a writer and
    // keeps the last committed state whole if a process dies mid-write.
    db_->setBusyTimeout(60'000);
    db_->exec("PRAGMA journal_mode = WAL");
    db_->exec("PRAGMA synchronous = NORMAL");
    db_->exec("PRAGMA foreign_keys = ON");
    const int version = db_->execAndGet("PRAGMA user_version").getInt();
    if (version > LAYOUT_VERSION) {
      throw RunError(fmt::format("{}: run store layout version {} is newer than this fabcast reads ({}); use a newer fabcast or another --store",
                                 path.string(), version, LAYOUT_VERSION));
    }
    if (version < LAYOUT_VERSION) {
      SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
      db_->exec(SCHEMA);
      db_->exec(fmt::format("PRAGMA user_version = {}", LAYOUT_VERSION));
      tx.commit();
    }
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot open the run store: {} (set --store PATH or FABCAST_STORE to use another file)", path.string(),
                               e.what()));
  }
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;

std::int64_t RunStore::add(const NewRun& run) {
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins(*db_,
                          "INSERT INTO runs (created, scenario_name, scenario_text, scenario_hash, overrides, seed, samples, sampling, "
                          "threads, data_version, fabcast_version, git_commit, elapsed_seconds, result_json, summary) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, utc_now());
    ins.bind(2, run.scenario_name);
    ins.bind(3, run.scenario_text);
    ins.bind(4, sha256_hex(run.scenario_text));
    ins.bind(5, run.overrides);
    ins.bind(6, std::to_string(run.seed));
    ins.bind(7, static_cast<std::int64_t>(run.samples));
    ins.bind(8, run.sampling);
    ins.bind(9, static_cast<std::int64_t>(run.threads));
    ins.bind(10, run.data_version);
    ins.bind(11, run.fabcast_version);
    ins.bind(12, run.git_commit);
    ins.bind(13, run.elapsed_seconds);
    ins.bind(14, run.result_json);
    ins.bind(15, run.summary);
    ins.exec();
    const std::int64_t id = db_->getLastInsertRowid();
    SQLite::Statement put(*db_, "INSERT INTO samples (run_id, output, ord, vals) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < run.samples_by_output.size(); ++i) {
      const auto& [name, values] = run.samples_by_output[i];
      static_assert(std::endian::native == std::endian::little, "samples are stored as little-endian doubles");
      put.bind(1, id);
      put.bind(2, name);
      put.bind(3, static_cast<std::int64_t>(i));
      if (values.size() > MAX_KEPT_SAMPLES) {
        throw RunError(fmt::format("{}: cannot keep {} samples of {} (SQLite's limit allows {} per output); run with fewer samples or without --keep-samples",
                                   path_.string(), values.size(), name, MAX_KEPT_SAMPLES));
      }
      static constexpr double NONE = 0;  // an empty output is a zero-length blob, not NULL
      put.bind(4, values.empty() ? &NONE : values.data(), static_cast<int>(values.size() * sizeof(double)));
      put.exec();
      put.reset();
    }
    tx.commit();
    return id;
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: could not store the run: {}", path_.string(), e.what()));
  }
}

std::vector<StoredRun> RunStore::list() const {
  std::vector<StoredRun> runs;
  SQLite::Statement q(*db_, fmt::format("SELECT {} FROM runs ORDER BY id DESC", COLUMNS));
  while (q.executeStep()) runs.push_back(row_to_run(q, false));
  return runs;
}

StoredRun RunStore::get(std::int64_t id, bool with_samples) const {
  SQLite::Statement q(*db_, fmt::format("SELECT {}, scenario_text, result_json, summary FROM runs WHERE id = ?", COLUMNS));
  q.bind(1, id);
  if (!q.executeStep()) {
    throw InputError(fmt::format("{}: no run {} (fabcast runs list shows the stored runs)", path_.string(), id));
  }
  StoredRun r = row_to_run(q, true);
  if (with_samples) {
    SQLite::Statement s(*db_, "SELECT output, vals FROM samples WHERE run_id = ? ORDER BY ord");
    s.bind(1, id);
    while (s.executeStep()) {
      const auto blob = s.getColumn(1);
      std::vector<double> values(static_cast<std::size_t>(blob.getBytes()) / sizeof(double));
      if (!values.empty()) std::memcpy(values.data(), blob.getBlob(), values.size() * sizeof(double));
      r.samples_by_output.emplace_back(s.getColumn(0).getString(), std::move(values));
    }
  }
  return r;
}

std::int64_t RunStore::resolve(const std::string& text) const {
  if (text != "latest") return parse_run_id(text);
  const auto newest = db_->execAndGet("SELECT COALESCE(MAX(id), 0) FROM runs").getInt64();
  if (newest == 0) throw InputError(fmt::format("{}: no runs stored yet, so there is no 'latest'", path_.string()));
  return newest;
}

bool RunStore::remove(std::int64_t id) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement del(*db_, "DELETE FROM runs WHERE id = ?");
  del.bind(1, id);
  const int n = del.exec();
  tx.commit();
  return n > 0;
}

}  // namespace fabcast::store
