#pragma once
// The run store: every run's inputs and results in one SQLite file, so a run can be found,
// compared, exported and reproduced later. Writes are single transactions in WAL mode: a process
// killed at any moment leaves the store readable with every earlier run intact, and concurrent
// writers wait for each other (busy timeout) instead of failing or corrupting it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace SQLite {
class Database;
}

namespace fabcast::store {

//! A run as it goes into the store.
struct NewRun {
  std::string scenario_name;
  std::string scenario_text;   //!< the fully resolved scenario (TOML); loads back to the same inputs
  std::string overrides;       //!< the --set arguments, one per line (for people; already in the text)
  std::uint64_t seed = 0;
  std::uint64_t samples = 0;
  std::string sampling;        //!< "mc" or "lhs"
  unsigned threads = 0;
  std::string data_version, fabcast_version, git_commit;
  double elapsed_seconds = 0;
  std::string result_json;     //!< what `fabcast run --format json` prints
  std::string summary;         //!< what `fabcast run` prints
  //! Raw per-sample values of each scalar output (empty unless --keep-samples).
  std::vector<std::pair<std::string, std::vector<double>>> samples_by_output;
};

//! A stored run. `id` is assigned by the store, counting up from 1.
struct StoredRun : NewRun {
  std::int64_t id = 0;
  std::string created;         //!< UTC, ISO 8601
  std::string scenario_hash;   //!< SHA-256 of scenario_text, hex
  bool has_samples = false;
};

class RunStore {
 public:
  //! Opens (creating if needed, with its parent directory) the store at `path`.
  //! Throws RunError naming the path when it cannot be opened or is not a fabcast store.
  explicit RunStore(const std::filesystem::path& path);
  ~RunStore();
  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;

  //! $FABCAST_STORE, else $XDG_DATA_HOME/fabcast/runs.db, else ~/.local/share/fabcast/runs.db.
  static std::filesystem::path default_path();

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

  //! Stores a run in one transaction; returns its id.
  std::int64_t add(const NewRun& run);
  //! Every run, newest first, without results or samples (samples_by_output empty).
  [[nodiscard]] std::vector<StoredRun> list() const;
  //! One run with its results; samples only when `with_samples`. Throws InputError if absent.
  [[nodiscard]] StoredRun get(std::int64_t id, bool with_samples = false) const;
  //! The id a user typed: a number, or "latest" (the newest run). Throws InputError otherwise or
  //! when the store is empty.
  [[nodiscard]] std::int64_t resolve(const std::string& text) const;
  //! Removes a run; false if there was none.
  bool remove(std::int64_t id);

 private:
  std::filesystem::path path_;
  std::unique_ptr<SQLite::Database> db_;
};

//! SHA-256 of `text`, as 64 hex digits (identifies a resolved scenario).
std::string sha256_hex(const std::string& text);

//! Parses a run id as typed on the command line ("12"); throws InputError otherwise.
//! RunStore::resolve also accepts "latest".
std::int64_t parse_run_id(const std::string& text);

}  // namespace fabcast::store
