#include "store/run_store.hpp"

#include "core/errors.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <numeric>

namespace fabcast::store {
namespace {

// Version 2 of the layout: version 1 (runs and samples) and the studies. A version-1 store is
// brought to version 2 when it is first opened for writing (a table more, nothing rewritten), and
// reads as one without studies until then. A store made by a later fabcast with another layout is
// refused by name rather than misread.
constexpr int LAYOUT_VERSION = 2;

constexpr const char* STUDIES_SCHEMA = R"sql(
CREATE TABLE IF NOT EXISTS studies (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  created         TEXT NOT NULL,
  kind            TEXT NOT NULL,   -- sweep, seek or sensitivity
  scenario_name   TEXT NOT NULL,
  scenario_text   TEXT NOT NULL,
  scenario_hash   TEXT NOT NULL,
  request_json    TEXT NOT NULL,   -- what the study was asked, enough to run it again
  data_version    TEXT NOT NULL,
  fabcast_version TEXT NOT NULL,
  git_commit      TEXT NOT NULL,
  elapsed_seconds REAL NOT NULL,
  result_json     TEXT NOT NULL,
  summary         TEXT NOT NULL
);
)sql";

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

// SQLite's URI form of a path (https://sqlite.org/uri.html): every byte but unreserved ones and '/'
// percent-encoded, so that '?', '#' or '%' in a file name stay part of the name.
std::string sqlite_uri(const std::filesystem::path& path, const char* query) {
  std::string uri = "file:";
  for (const unsigned char ch : std::filesystem::absolute(path).lexically_normal().string()) {
    if (std::isalnum(ch) || std::strchr("/-._~", ch)) {
      uri += static_cast<char>(ch);
    } else {
      uri += fmt::format("%{:02X}", ch);
    }
  }
  return uri + "?" + query;
}

RunError read_only(const std::filesystem::path& path, const std::string& why) {
  return RunError(fmt::format(
      "{}: the run store is read-only: {}. fabcast can list, show, diff, rerun and export its runs, but not store "
      "or remove any; give --store PATH for a store you can write (run and report also take --no-store)",
      path.string(), why));
}

RunError not_a_store(const std::filesystem::path& path, const std::string& why) {
  return RunError(fmt::format("{}: not a fabcast run store: {} (set --store PATH or FABCAST_STORE to use another file)",
                              path.string(), why));
}

void check_version(int version, const std::filesystem::path& path) {
  if (version > LAYOUT_VERSION) {
    throw RunError(fmt::format(
        "{}: run store layout version {} is newer than this fabcast reads ({}); use a newer fabcast or another --store",
        path.string(), version, LAYOUT_VERSION));
  }
}

bool has_tables(SQLite::Database& db) {
  return db.execAndGet("SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table')").getInt() != 0;
}

// A store whose version says it is fabcast's must have every table and column this fabcast reads:
// otherwise every query would fail with a bare "no such table".
void check_layout(SQLite::Database& db, const std::filesystem::path& path) {
  static const std::vector<std::pair<const char*, std::vector<const char*>>> TABLES = {
      {"runs",
       {"id", "created", "scenario_name", "scenario_text", "scenario_hash", "overrides", "seed", "samples", "sampling",
        "threads", "data_version", "fabcast_version", "git_commit", "elapsed_seconds", "result_json", "summary"}},
      {"samples", {"run_id", "output", "ord", "vals"}},
      {"studies",
       {"id", "created", "kind", "scenario_name", "scenario_text", "scenario_hash", "request_json", "data_version",
        "fabcast_version", "git_commit", "elapsed_seconds", "result_json", "summary"}},
  };
  const int version = db.execAndGet("PRAGMA user_version").getInt();
  for (const auto& [table, columns] : TABLES) {
    if (version < 2 && std::string_view(table) == "studies") continue;  // read as none
    std::vector<std::string> present;
    SQLite::Statement q(db, "SELECT name FROM pragma_table_info(?)");
    q.bind(1, table);
    while (q.executeStep()) present.push_back(q.getColumn(0).getString());
    if (present.empty()) throw not_a_store(path, fmt::format("it has no table {}", table));
    for (const char* column : columns) {
      if (std::find(present.begin(), present.end(), column) == present.end()) {
        throw not_a_store(path, fmt::format("its table {} has no column {}", table, column));
      }
    }
  }
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

StoredRun row_to_run(SQLite::Statement& q, bool full, const std::filesystem::path& path) {
  StoredRun r;
  r.id = q.getColumn("id").getInt64();
  r.created = q.getColumn("created").getString();
  r.scenario_name = q.getColumn("scenario_name").getString();
  r.scenario_hash = q.getColumn("scenario_hash").getString();
  r.overrides = q.getColumn("overrides").getString();
  const std::string seed = q.getColumn("seed").getString();
  if (const auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), r.seed);
      ec != std::errc{} || end != seed.data() + seed.size()) {
    throw RunError(
        fmt::format("{}: run {}: stored seed '{}' is not a 64-bit whole number; the store was changed outside fabcast",
                    path.string(), r.id, seed));
  }
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
    throw InputError(fmt::format(
        "'{}' is not a run id: expected a positive whole number, as `fabcast runs list` shows, or 'latest'", text));
  }
  return id;
}

std::filesystem::path RunStore::default_path() {
  if (const char* env = std::getenv("FABCAST_STORE"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "fabcast" / "runs.db";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local/share/fabcast/runs.db";
  return "fabcast-runs.db";
}

RunStore::RunStore(const std::filesystem::path& path, StoreAccess access) : path_(path) {
  try {
    if (access == StoreAccess::read) {
      open_for_reading();
    } else {
      open_for_writing();
    }
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB) throw not_a_store(path, "the file is not a SQLite database");
    throw RunError(
        fmt::format("{}: cannot open the run store: {} (set --store PATH or FABCAST_STORE to use another file)",
                    path.string(), e.what()));
  }
}

void RunStore::open_for_reading() {
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec) && !ec) return;  // no store yet: no runs
  // Read-only, so a store the user may only read (chmod 444, a read-only directory or mount) opens.
  db_ = std::make_unique<SQLite::Database>(sqlite_uri(path_, "mode=ro"), SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  db_->setBusyTimeout(60'000);
  try {
    (void)db_->execAndGet("SELECT count(*) FROM sqlite_master").getInt();
  } catch (const SQLite::Exception& e) {
    // Reading a WAL database needs its -shm index, which SQLite cannot create in a directory the
    // user cannot write (https://sqlite.org/wal.html#readonly). Without a -wal file holding
    // changes, the database file alone is the whole store, and `immutable=1` reads it without the
    // index. No WAL writer can be at work meanwhile: it would need the -wal file, which is absent
    // and cannot be created there.
    if (e.getErrorCode() != SQLITE_READONLY && e.getErrorCode() != SQLITE_CANTOPEN) throw;
    const auto wal = path_.string() + "-wal";
    if (const auto size = std::filesystem::file_size(wal, ec); !ec && size > 0) {
      throw RunError(fmt::format(
          "{}: cannot read the run store: its log {} holds changes not yet folded into it, and reading them needs "
          "{}-shm, which cannot be created in its read-only directory; someone who can write there can fold them "
          "in with: sqlite3 {} 'PRAGMA wal_checkpoint(TRUNCATE)'",
          path_.string(), wal, path_.string(), path_.string()));
    }
    db_ = std::make_unique<SQLite::Database>(sqlite_uri(path_, "mode=ro&immutable=1"),
                                             SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  }
  const int version = db_->execAndGet("PRAGMA user_version").getInt();
  check_version(version, path_);
  if (version == 0) {
    if (has_tables(*db_)) throw not_a_store(path_, "a SQLite database without fabcast's tables");
    db_.reset();  // an empty database file: no runs yet
    return;
  }
  check_layout(*db_, path_);
}

void RunStore::open_for_writing() {
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  // SQLite keeps its write-ahead log (runs.db-wal) beside the store, so writing needs the directory
  // too. Checked first, so that a run is refused before its samples, not after.
  const auto dir = path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
  if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0 &&
      (errno == EACCES || errno == EROFS || errno == EPERM)) {
    const auto why = fmt::format("its directory {} is not writable ({}) and SQLite keeps its log there", dir.string(),
                                 std::strerror(errno));
    if (!std::filesystem::exists(path_, ec)) {
      throw RunError(
          fmt::format("{}: cannot create the run store: {} (set --store PATH or FABCAST_STORE to use another file)",
                      path_.string(), why));
    }
    throw read_only(path_, why);
  }
  db_ = std::make_unique<SQLite::Database>(path_.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  // SQLite opens a file it may not write read-only without a word; storing would fail only then.
  if (sqlite3_db_readonly(db_->getHandle(), "main") == 1) throw read_only(path_, "the file is not writable");
  // Writers queue for up to a minute rather than fail; WAL lets readers run beside a writer and
  // keeps the last committed state whole if a process dies mid-write.
  db_->setBusyTimeout(60'000);
  db_->exec("PRAGMA journal_mode = WAL");
  db_->exec("PRAGMA synchronous = NORMAL");
  db_->exec("PRAGMA foreign_keys = ON");
  const int version = db_->execAndGet("PRAGMA user_version").getInt();
  check_version(version, path_);
  if (version < LAYOUT_VERSION) {
    // Decided inside the transaction: another fabcast may be creating the same store right now.
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (db_->execAndGet("PRAGMA user_version").getInt() == 0) {
      // Never add tables to someone else's database given by mistake as --store.
      if (has_tables(*db_)) throw not_a_store(path_, "a SQLite database without fabcast's tables");
      db_->exec(SCHEMA);
      db_->exec(STUDIES_SCHEMA);
      db_->exec(fmt::format("PRAGMA user_version = {}", LAYOUT_VERSION));
    } else if (db_->execAndGet("PRAGMA user_version").getInt() == 1) {
      check_layout(*db_, path_);  // a version-1 store as fabcast wrote it, before it gains a table
      db_->exec(STUDIES_SCHEMA);
      db_->exec(fmt::format("PRAGMA user_version = {}", LAYOUT_VERSION));
    }
    tx.commit();
  }
  check_layout(*db_, path_);
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;

std::int64_t RunStore::add(const NewRun& run) {
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins(
        *db_,
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
        throw RunError(
            fmt::format("{}: cannot keep {} samples of {} (SQLite's limit allows {} per output); run with fewer "
                        "samples or without --keep-samples",
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
  if (!db_) return runs;
  try {
    SQLite::Statement q(*db_, fmt::format("SELECT {} FROM runs ORDER BY id DESC", COLUMNS));
    while (q.executeStep()) runs.push_back(row_to_run(q, false, path_));
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot read the run store: {}", path_.string(), e.what()));
  }
  return runs;
}

StoredRun RunStore::get(std::int64_t id, bool with_samples) const {
  if (!db_) throw InputError(fmt::format("{}: no run {}: no runs are stored there yet", path_.string(), id));
  StoredRun r;
  try {
    SQLite::Statement q(*db_,
                        fmt::format("SELECT {}, scenario_text, result_json, summary FROM runs WHERE id = ?", COLUMNS));
    q.bind(1, id);
    if (!q.executeStep()) {
      throw InputError(fmt::format("{}: no run {} (fabcast runs list shows the stored runs)", path_.string(), id));
    }
    r = row_to_run(q, true, path_);
    if (with_samples) {
      // Sorted here rather than by ORDER BY: SQLite sorts rows this large (every sample of every
      // output and input, megabytes) through a temporary file, which a reader may not be able to
      // write (a full disk, a file-size limit).
      SQLite::Statement s(*db_, "SELECT output, vals, ord FROM samples WHERE run_id = ?");
      s.bind(1, id);
      std::vector<std::int64_t> order;
      while (s.executeStep()) {
        order.push_back(s.getColumn(2).getInt64());
        const auto blob = s.getColumn(1);
        const std::string name = s.getColumn(0).getString();
        const auto bytes = static_cast<std::size_t>(blob.getBytes());
        if (bytes % sizeof(double) != 0) {
          throw RunError(fmt::format(
              "{}: run {}: the kept samples of {} are damaged ({} bytes, not a whole number of doubles); the store "
              "was changed outside fabcast",
              path_.string(), id, name, bytes));
        }
        std::vector<double> values(bytes / sizeof(double));
        if (!values.empty()) std::memcpy(values.data(), blob.getBlob(), bytes);
        r.samples_by_output.emplace_back(name, std::move(values));
      }
      std::vector<std::size_t> by_ord(order.size());
      std::iota(by_ord.begin(), by_ord.end(), 0);
      std::sort(by_ord.begin(), by_ord.end(), [&](auto a, auto b) { return order[a] < order[b]; });
      std::vector<std::pair<std::string, std::vector<double>>> sorted;
      for (auto i : by_ord) sorted.push_back(std::move(r.samples_by_output[i]));
      r.samples_by_output = std::move(sorted);
    }
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot read run {}: {}", path_.string(), id, e.what()));
  }
  check_result_json(r.result_json, id);
  return r;
}

void RunStore::check_result_json(const std::string& text, std::int64_t id) const {
  // accept() first: it builds nothing, and a stored result is usually whole; parse() only to say where it breaks.
  const auto start = text.find_first_not_of(" \t\r\n");
  if (nlohmann::json::accept(text) && start != std::string::npos && text[start] == '{') return;
  std::string why = "not a JSON object";
  try {
    [[maybe_unused]] const auto parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    why = e.what();
    if (const auto tag = why.find("] "); why.starts_with("[json.exception") && tag != std::string::npos) {
      why.erase(0, tag + 2);
    }
  }
  throw RunError(fmt::format("{}: run {}: stored result is not valid JSON ({}); the store was changed outside fabcast",
                             path_.string(), id, why));
}

bool RunStore::contains(std::int64_t id) const {
  if (!db_) return false;
  try {
    SQLite::Statement q(*db_, "SELECT 1 FROM runs WHERE id = ?");
    q.bind(1, id);
    return q.executeStep();
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot read the run store: {}", path_.string(), e.what()));
  }
}

std::int64_t RunStore::resolve(const std::string& text) const {
  if (text != "latest") return parse_run_id(text);
  std::int64_t newest = 0;
  try {
    if (db_) newest = db_->execAndGet("SELECT COALESCE(MAX(id), 0) FROM runs").getInt64();
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot read the run store: {}", path_.string(), e.what()));
  }
  if (newest == 0) throw InputError(fmt::format("{}: no runs stored yet, so there is no 'latest'", path_.string()));
  return newest;
}

bool RunStore::remove(std::int64_t id) {
  if (!db_) return false;
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement del(*db_, "DELETE FROM runs WHERE id = ?");
    del.bind(1, id);
    const int n = del.exec();
    tx.commit();
    return n > 0;
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: could not remove run {}: {}", path_.string(), id, e.what()));
  }
}

// ---- studies ----

namespace {

constexpr const char* STUDY_COLUMNS =
    "id, created, kind, scenario_name, scenario_hash, request_json, data_version, fabcast_version, git_commit, "
    "elapsed_seconds";

StoredStudy row_to_study(SQLite::Statement& q, bool full) {
  StoredStudy r;
  r.id = q.getColumn("id").getInt64();
  r.created = q.getColumn("created").getString();
  r.kind = q.getColumn("kind").getString();
  r.scenario_name = q.getColumn("scenario_name").getString();
  r.scenario_hash = q.getColumn("scenario_hash").getString();
  r.request_json = q.getColumn("request_json").getString();
  r.data_version = q.getColumn("data_version").getString();
  r.fabcast_version = q.getColumn("fabcast_version").getString();
  r.git_commit = q.getColumn("git_commit").getString();
  r.elapsed_seconds = q.getColumn("elapsed_seconds").getDouble();
  if (full) {
    r.scenario_text = q.getColumn("scenario_text").getString();
    r.result_json = q.getColumn("result_json").getString();
    r.summary = q.getColumn("summary").getString();
  }
  return r;
}

}  // namespace

bool RunStore::has_studies() const { return db_ && db_->execAndGet("PRAGMA user_version").getInt() >= 2; }

std::int64_t RunStore::add_study(const NewStudy& study) {
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins(*db_,
                          "INSERT INTO studies (created, kind, scenario_name, scenario_text, scenario_hash, "
                          "request_json, data_version, fabcast_version, git_commit, elapsed_seconds, result_json, "
                          "summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, utc_now());
    ins.bind(2, study.kind);
    ins.bind(3, study.scenario_name);
    ins.bind(4, study.scenario_text);
    ins.bind(5, sha256_hex(study.scenario_text));
    ins.bind(6, study.request_json);
    ins.bind(7, study.data_version);
    ins.bind(8, study.fabcast_version);
    ins.bind(9, study.git_commit);
    ins.bind(10, study.elapsed_seconds);
    ins.bind(11, study.result_json);
    ins.bind(12, study.summary);
    ins.exec();
    const auto id = db_->getLastInsertRowid();
    tx.commit();
    return id;
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: could not store the study: {}", path_.string(), e.what()));
  }
}

std::vector<StoredStudy> RunStore::list_studies() const {
  std::vector<StoredStudy> out;
  if (!has_studies()) return out;
  try {
    SQLite::Statement q(*db_, fmt::format("SELECT {} FROM studies ORDER BY id DESC", STUDY_COLUMNS));
    while (q.executeStep()) out.push_back(row_to_study(q, false));
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot read the run store: {}", path_.string(), e.what()));
  }
  return out;
}

StoredStudy RunStore::get_study(std::int64_t id) const {
  const auto missing = [&] {
    return InputError(
        fmt::format("{}: no study {} (fabcast studies list shows the stored studies)", path_.string(), id));
  };
  if (!has_studies()) throw missing();
  StoredStudy r;
  try {
    SQLite::Statement q(
        *db_, fmt::format("SELECT {}, scenario_text, result_json, summary FROM studies WHERE id = ?", STUDY_COLUMNS));
    q.bind(1, id);
    if (!q.executeStep()) throw missing();
    r = row_to_study(q, true);
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot read study {}: {}", path_.string(), id, e.what()));
  }
  for (const auto* text : {&r.result_json, &r.request_json}) {
    if (!nlohmann::json::accept(*text)) {
      throw RunError(fmt::format("{}: study {}: its stored {} is not valid JSON; the store was changed outside fabcast",
                                 path_.string(), id, text == &r.result_json ? "result" : "request"));
    }
  }
  return r;
}

std::int64_t RunStore::resolve_study(const std::string& text) const {
  if (text != "latest") return parse_run_id(text);
  std::int64_t newest = 0;
  try {
    if (has_studies()) newest = db_->execAndGet("SELECT COALESCE(MAX(id), 0) FROM studies").getInt64();
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: cannot read the run store: {}", path_.string(), e.what()));
  }
  if (newest == 0) throw InputError(fmt::format("{}: no studies stored yet, so there is no 'latest'", path_.string()));
  return newest;
}

bool RunStore::remove_study(std::int64_t id) {
  if (!has_studies()) return false;
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement del(*db_, "DELETE FROM studies WHERE id = ?");
    del.bind(1, id);
    const int n = del.exec();
    tx.commit();
    return n > 0;
  } catch (const SQLite::Exception& e) {
    throw RunError(fmt::format("{}: could not remove study {}: {}", path_.string(), id, e.what()));
  }
}

}  // namespace fabcast::store
