#pragma once

namespace fabcast::cli {

//! Exit codes of every fabcast command (docs/cli.md).
enum ExitCode : int {
  EXIT_OK = 0,           //!< success
  EXIT_FAILURE_RUN = 1,  //!< a valid input failed while running
  EXIT_BAD_INPUT = 2,    //!< bad input or usage: nothing ran
};

}  // namespace fabcast::cli
