// cli.h — what every newsdex command-line tool shares: exit codes, the
// error-to-exit-code mapping, the --db option, terminal detection.
// Internal to the tools; not installed.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex::cli {

/// Exit codes of every newsdex tool (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,        ///< success
  kExitFailure = 1,   ///< the work failed (index missing or locked, I/O error, ...)
  kExitUsage = 2,     ///< bad command line
  kExitRejected = 3,  ///< finished, but some input records were rejected
  kExitNotFound = 4,  ///< what the command line names does not exist (an article id)
};

/// Thrown by a tool for a bad command line; mapped to kExitUsage.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs a tool's body, mapping exceptions to a one-line message on stderr
/// ("newsdex-search: error: ...") and to an exit code.
int run_tool(std::string_view tool_name, const std::function<int()>& body);

/// The database path used when --db is not given: $NEWSDEX_DB, else "./newsdex.db".
std::string default_db_path();

/// Adds --db to `options`, storing into `db_path`.
void add_db_option(boost::program_options::options_description& options, std::string& db_path);

/// Parses a tool's command line: `visible` holds the options --help shows
/// (with --help and --version among them); every word that is not an option
/// goes to `positional_name`, whose value semantic `positional` the caller
/// makes with po::value(&words) (no positional words allowed when null).
/// Answers --help and --version itself and then returns nothing: the tool
/// exits with kExitOk. @throws boost::program_options::error (a usage error)
std::optional<boost::program_options::variables_map> parse_command_line(
    int argc, char** argv, std::string_view tool_name,
    const boost::program_options::options_description& visible,
    std::string_view positional_name = {},
    const boost::program_options::value_semantic* positional = nullptr);

/// Prints "<tool> <version>" to stdout.
void print_version(std::string_view tool_name);

/// Whether standard output / standard error is a terminal (colour, progress).
bool stdout_is_terminal();
bool stderr_is_terminal();

}  // namespace newsdex::cli
