#pragma once
// The run store: every run's inputs and results in one SQLite file, so a run can be found,
// compared, exported and reproduced later. Writes are single transactions in WAL mode: a process
// killed at any moment leaves the store readable with every earlier run intact, and concurrent
// writers wait for each other (busy timeout) instead of failing or corrupting it.

#include <cstddef>
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

//! The most kept samples of one output the store holds: SQLite refuses a value over 1e9 bytes
//! (SQLITE_MAX_LENGTH), 125 million doubles.
inline constexpr std::size_t MAX_KEPT_SAMPLES = 125'000'000;

//! A run as it goes into the store.
struct NewRun {
  std::string scenario_name;
  std::string scenario_text;  //!< the fully resolved scenario (TOML); loads back to the same inputs
  std::string overrides;      //!< the --set arguments, one per line (for people; already in the text)
  std::uint64_t seed = 0;
  std::uint64_t samples = 0;
  std::string sampling;  //!< "mc" or "lhs"
  unsigned threads = 0;
  std::string data_version, fabcast_version, git_commit;
  double elapsed_seconds = 0;
  std::string result_json;  //!< what `fabcast run --format json` prints
  std::string summary;      //!< what `fabcast run` prints
  //! Raw per-sample values of each scalar output (empty unless --keep-samples).
  std::vector<std::pair<std::string, std::vector<double>>> samples_by_output;
};

//! A stored run. `id` is assigned by the store, counting up from 1.
struct StoredRun : NewRun {
  std::int64_t id = 0;
  std::string created;        //!< UTC, ISO 8601
  std::string scenario_hash;  //!< SHA-256 of scenario_text, hex
  bool has_samples = false;
};

//! A study (sweep, seek, sensitivity) as it goes into the store.
struct NewStudy {
  std::string kind;  //!< "sweep", "seek" or "sensitivity"
  std::string scenario_name;
  std::string scenario_text;  //!< the resolved scenario, before the study's own keys
  std::string request_json;   //!< the study's request: with the scenario, enough to run it again
  std::string data_version, fabcast_version, git_commit;
  double elapsed_seconds = 0;
  std::string result_json;  //!< what the command prints with --format json
  std::string summary;      //!< what it prints as a table
};

//! A stored study; ids count from 1, apart from the runs'.
struct StoredStudy : NewStudy {
  std::int64_t id = 0;
  std::string created;
  std::string scenario_hash;
};

//! What a command does with the store.
enum class StoreAccess {
  read,   //!< only reads: opened read-only, so a store the user may only read works; nothing is created
  write,  //!< adds or removes runs: created if missing; a store the user cannot write is refused at once
};

class RunStore {
 public:
  //! Opens the store at `path`. For writing, creates it (with its parent directory) if needed; for
  //! reading, a store that does not exist yet reads as one without runs. Throws RunError naming the
  //! path when it cannot be opened, is not a fabcast store, or (for writing) is read-only.
  explicit RunStore(const std::filesystem::path& path, StoreAccess access = StoreAccess::write);
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
  //! One run with its results; samples only when `with_samples`. Throws InputError if absent, and
  //! RunError naming the store and the run when what is stored is not what fabcast wrote (a result
  //! that is not a JSON object, a seed that is not a number, kept samples that are not whole doubles).
  [[nodiscard]] StoredRun get(std::int64_t id, bool with_samples = false) const;
  //! Whether a run `id` is stored (without reading it).
  [[nodiscard]] bool contains(std::int64_t id) const;
  //! The id a user typed: a number, or "latest" (the newest run). Throws InputError otherwise or
  //! when the store is empty.
  [[nodiscard]] std::int64_t resolve(const std::string& text) const;
  //! Removes a run; false if there was none.
  bool remove(std::int64_t id);

  //! Stores a study in one transaction; returns its id.
  std::int64_t add_study(const NewStudy& study);
  //! Every study, newest first, without its scenario text, result or summary.
  [[nodiscard]] std::vector<StoredStudy> list_studies() const;
  //! One study, whole. Throws InputError if absent, RunError if what is stored is not JSON.
  [[nodiscard]] StoredStudy get_study(std::int64_t id) const;
  //! A study id as typed: a number, or "latest".
  [[nodiscard]] std::int64_t resolve_study(const std::string& text) const;
  //! Removes a study; false if there was none.
  bool remove_study(std::int64_t id);

 private:
  void open_for_reading();
  void open_for_writing();
  //! Throws RunError naming the store and run unless `text` is a JSON object.
  void check_result_json(const std::string& text, std::int64_t id) const;
  //! Whether the store has its studies table (a version-1 store read before any write has none).
  [[nodiscard]] bool has_studies() const;

  std::filesystem::path path_;
  std::unique_ptr<SQLite::Database>
      db_;  //!< null when a store opened for reading has no runs yet (no file, or an empty one)
};

//! SHA-256 of `text`, as 64 hex digits (identifies a resolved scenario).
std::string sha256_hex(const std::string& text);

//! Parses a run id as typed on the command line ("12"); throws InputError otherwise.
//! RunStore::resolve also accepts "latest".
std::int64_t parse_run_id(const std::string& text);

}  // namespace fabcast::store
